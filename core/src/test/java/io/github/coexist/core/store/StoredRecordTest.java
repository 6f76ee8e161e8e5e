package io.github.coexist.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.problem.Recurrence;
import io.github.coexist.core.service.ServiceId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoredRecordTest {

  private static String key(String service, String signature) {
    return new StoredRecord.OfRecurrence(new Recurrence(ServiceId.of(service), signature, List.of())).key();
  }

  @Test
  @DisplayName("a recurrence is keyed by its service and signature, never the same key for two pairs")
  void recurrenceKeys() {
    assertThat(key("shop", "prometheus/DiskFull")).isEqualTo("shop/prometheus/DiskFull");
    assertThat(key("a/b", "c")).isNotEqualTo(key("a", "b/c"));
    assertThat(key("a%2Fb", "c")).isNotEqualTo(key("a/b", "c"));
  }
}
