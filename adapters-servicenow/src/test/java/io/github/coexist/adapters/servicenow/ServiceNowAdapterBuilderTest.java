package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.http.InvalidConfigurationException;
import io.github.coexist.core.ItsmAdapter;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.testkit.AdapterBuilderKit;
import io.vavr.control.Either;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceNowAdapterBuilderTest extends AdapterBuilderKit<ServiceNowAdapter.Builder, ServiceNowAdapter> {

  @Override
  protected ServiceNowAdapter.Builder usable() {
    return ServiceNowAdapter.builder(ServiceNowConfig.fromMap(Map.of("coexist.servicenow.url",
        "https://acme.service-now.com", "coexist.servicenow.user", "coexist", "coexist.servicenow.password", "pw")));
  }

  @Override
  protected ServiceNowAdapter.Builder unusable() {
    return ServiceNowAdapter.builder(ServiceNowConfig.fromMap(Map.of("coexist.servicenow.auth", "basic")));
  }

  @Override
  protected Either<CoexistError.InvalidInput, ServiceNowAdapter> tryBuild(ServiceNowAdapter.Builder builder) {
    return builder.tryBuild();
  }

  @Override
  protected ServiceNowAdapter build(ServiceNowAdapter.Builder builder) {
    return builder.build();
  }

  @Override
  protected Class<? extends IllegalStateException> configurationError() {
    return InvalidConfigurationException.class;
  }

  @Test
  @DisplayName("is an ITSM bundle: its CMDB as the directory, satisfaction answers in memory")
  void bundle() {
    try (ItsmAdapter servicenow = usable().build()) {
      assertThat(servicenow.name()).isEqualTo("servicenow");
      assertThat(servicenow.serviceDirectory()).containsSame(((ServiceNowAdapter) servicenow).cmdb());
      assertThat(servicenow.changeRecords().system()).isEqualTo("servicenow");
      assertThat(servicenow.feedbackRecords()).isSameAs(servicenow.feedbackRecords());
    }
  }
}
