package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGKILL in the middle of a burst of writes to the embedded store (audit entries, delivery ids,
 * inbox entries, committed records): nothing acknowledged is lost.
 */
class CrashDurabilityTest {
  private static final Logger LOG = LoggerFactory.getLogger(CrashDurabilityTest.class);
  private static final int ACKS_BEFORE_KILL = 600;

  @Test
  @DisplayName("every write acknowledged before a SIGKILL is there after a restart, and the chain verifies")
  void acknowledgedWritesSurviveSigkill(@TempDir Path dir) throws Exception {
    Process child = start(dir);
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).as("the child's first line; its errors are in " + dir.resolve("child.err"))
          .isEqualTo("ready");
      String line;
      while (acknowledged.size() < ACKS_BEFORE_KILL && (line = lines.readLine()) != null) {
        acknowledged.add(line);
      }
      // SIGKILL while the child goes on writing; lines it printed after these are not checked.
      child.destroyForcibly();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

    try (JdbcStore store = JdbcStore.embedded(dir).getOrElseThrow(e -> new AssertionError(e.message()))) {
      long lastAudit = acknowledged.stream().filter(l -> l.startsWith("audit "))
          .mapToLong(l -> Long.parseLong(l.substring(6))).max().orElseThrow();
      long entries = store.auditStore().last().get().orElseThrow().sequence();
      LOG.info("{} writes acknowledged before SIGKILL (last audit entry {}); {} audit entries after the restart",
          acknowledged.size(), lastAudit, entries);
      assertThat(entries).isGreaterThanOrEqualTo(lastAudit);
      AuditTrail trail = new AuditTrail(store.auditStore(), Clock.systemUTC());
      assertThat(trail.verify().get().intact()).isTrue();
      DeliveryIds ids = store.deliveryIds(Clock.systemUTC());
      acknowledged.stream().filter(l -> l.startsWith("delivery ")).map(l -> l.substring(9))
          .forEach(id -> assertThat(ids.claim(id).get()).as("delivery " + id + " remembered").isFalse());
      StateStore state = store.stateStore(Clock.systemUTC());
      Set<String> kept = state.load(0).get().records().stream().map(StoredRecord::key).collect(Collectors.toSet());
      assertThat(acknowledged.stream().filter(l -> l.startsWith("record ")).map(l -> l.substring(7)))
          .isNotEmpty().allSatisfy(key -> assertThat(kept).contains(key));
      acknowledged.stream().filter(l -> l.startsWith("inbox ")).map(l -> l.substring(6))
          .forEach(key -> assertThat(state.inbox().record(key, signal(), Instant.EPOCH).get())
              .as("inbox entry " + key + " kept").isEqualTo(new Inbox.Receipt.Duplicate(key)));
    }
  }

  private static Signal signal() {
    return new Signal.ApprovalGiven(new ExternalKey("servicenow", "change_request", "CHG0"), Actor.person("cab"), "");
  }

  private static Process start(Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path classpathFile = Files.writeString(dir.resolve("classpath.txt"),
        "-cp \"" + classpath.replace(File.separator.equals("\\") ? "\\" : "\"", "\\\"") + "\"");
    return new ProcessBuilder(java, "@" + classpathFile, CrashWriter.class.getName(), dir.toString())
        .redirectError(dir.resolve("child.err").toFile())
        .start();
  }
}
