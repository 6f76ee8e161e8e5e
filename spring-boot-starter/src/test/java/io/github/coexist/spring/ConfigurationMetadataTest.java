package io.github.coexist.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coexist.adapters.github.GitHubConfig;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.jira.JiraConfig;
import io.github.coexist.adapters.servicenow.ServiceNowConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The IDE completes every key the adapters read: the metadata cannot drift from the adapters. */
class ConfigurationMetadataTest {

  @Test
  @DisplayName("every key an adapter reads is described in the configuration metadata, with a description")
  void everyAdapterKeyDescribed() throws IOException {
    Set<String> asked = new TreeSet<>();
    ConfigSource recording = key -> {
      asked.add(key);
      return Optional.empty();
    };
    GitHubConfig.from(recording).validate();
    ServiceNowConfig serviceNow = recording::get;
    serviceNow.validate();
    JiraConfig.of(recording).validate();

    Set<String> described = new TreeSet<>();
    for (String file : new String[] {"META-INF/additional-spring-configuration-metadata.json",
        "META-INF/spring-configuration-metadata.json"}) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
        assertThat(in).as(file).isNotNull();
        for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
          assertThat(property.path("description").asText()).as(property.path("name").asText()).isNotBlank();
          described.add(property.path("name").asText());
        }
      }
    }
    assertThat(asked).isNotEmpty();
    assertThat(described).containsAll(asked);
  }
}
