package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.http.InvalidConfigurationException;
import io.github.coexist.core.ItsmAdapter;
import io.github.coexist.testkit.AdapterBuilderKit;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceNowAdapterBuilderTest extends AdapterBuilderKit<ServiceNowAdapter.Builder, ServiceNowAdapter> {

  ServiceNowAdapterBuilderTest() {
    super(ServiceNowAdapter.Builder::tryBuild, ServiceNowAdapter.Builder::build, InvalidConfigurationException.class);
  }

  @Override
  protected ServiceNowAdapter.Builder usable() {
    return ServiceNowAdapter.builder(ServiceNowConfig.fromMap(Map.of("coexist.servicenow.url",
        "https://acme.service-now.com", "coexist.servicenow.user", "coexist", "coexist.servicenow.password", "pw")));
  }

  @Override
  protected ServiceNowAdapter.Builder unusable() {
    return ServiceNowAdapter.builder(ServiceNowConfig.fromMap(Map.of("coexist.servicenow.auth", "basic")));
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
