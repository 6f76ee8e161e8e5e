package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.StoredRecord;
import io.vavr.control.Either;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every stored record and every signal of a real scenario, written to JSON and read back. */
class StateCodecTest {
  private static final Scenario SCENARIO = Scenario.run();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StateCodec codec = StateCodec.get();

  private String encode(StoredRecord record) {
    return codec.encode(record).getOrElseThrow(e -> new AssertionError(e.message()));
  }

  private Either<CoexistError, StoredRecord> decode(StoredRecord like, String json) {
    return codec.decodeRecord(like.kind(), like.key(), json);
  }

  private static Set<String> names(Class<?>[] types) {
    return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.toSet());
  }

  @Nested
  @DisplayName("a round trip")
  class RoundTrips {
    @Test
    @DisplayName("gives back every record of the scenario equal to the one written, one of each kind at least")
    void records() {
      List<StoredRecord> records = SCENARIO.records();
      assertThat(records.stream().map(r -> r.getClass().getSimpleName()).collect(Collectors.toSet()))
          .as("the scenario holds every kind of record")
          .isEqualTo(names(StoredRecord.class.getPermittedSubclasses()));
      for (StoredRecord record : records) {
        assertThat(decode(record, encode(record)).get()).as(record.kind() + " " + record.key()).isEqualTo(record);
      }
    }

    @Test
    @DisplayName("gives back every signal of the scenario equal to the one accepted, one of each case at least")
    void signals() {
      assertThat(SCENARIO.signals.stream().map(s -> s.getClass().getSimpleName()).collect(Collectors.toSet()))
          .isEqualTo(names(Signal.class.getPermittedSubclasses()));
      for (Signal signal : SCENARIO.signals) {
        String json = codec.encode(signal).get();
        assertThat(codec.decodeSignal("test", json).get()).isEqualTo(signal);
      }
    }

    @Test
    @DisplayName("writes no class name, only the simple names of sealed cases")
    void noClassNames() {
      String all = SCENARIO.records().stream().map(StateCodecTest.this::encode).collect(Collectors.joining("\n"));
      assertThat(all).doesNotContain("io.github", "Immutable", "java.", "@class", "$");
      assertThat(all).contains("{\"OfGate\":{\"record\":{");
    }

    @Test
    @DisplayName("keeps instants to the nanosecond, and text in ASCII escapes that any database keeps exactly")
    void exact() {
      StoredRecord gate = SCENARIO.records().stream().filter(StoredRecord.OfGate.class::isInstance).findFirst()
          .orElseThrow();
      String json = encode(gate);
      assertThat(json).contains("2025-03-04T09:15:30.123456789Z").contains("gr\\u00F6\\u00DFer, schneller \\u2713");
      assertThat(json.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
    }
  }

  @Nested
  @DisplayName("reading what another version wrote")
  class Versions {
    private final StoredRecord deployment = SCENARIO.records().stream()
        .filter(StoredRecord.OfDeployment.class::isInstance).reduce((a, b) -> b).orElseThrow();

    private String edited(StoredRecord record, Consumer<ObjectNode> edit) throws Exception {
      JsonNode root = JSON.readTree(encode(record));
      ObjectNode value = (ObjectNode) root.elements().next().elements().next();
      edit.accept(value);
      return JSON.writeValueAsString(root);
    }

    @Test
    @DisplayName("ignores properties the types do not have (a newer writer)")
    void newer() throws Exception {
      String json = edited(deployment, value -> {
        value.put("region", "eu-west-1");
        value.putObject("rollout").put("waves", 3);
      });
      assertThat(decode(deployment, json).get()).isEqualTo(deployment);
    }

    @Test
    @DisplayName("reads a missing optional or collection as empty (an older writer)")
    void older() throws Exception {
      String json = edited(deployment, value -> {
        value.remove("sha");
        value.remove("repository");
        value.remove("commits");
      });
      Deployment read = ((StoredRecord.OfDeployment) decode(deployment, json).get()).deployment();
      assertThat(read.sha()).isEmpty();
      assertThat(read.repository()).isEmpty();
      assertThat(read.commits()).isEmpty();
      assertThat(read.id()).isEqualTo(((StoredRecord.OfDeployment) deployment).deployment().id());
    }

    @Test
    @DisplayName("refuses a record missing a required property, naming its kind, key and the property")
    void missingRequired() throws Exception {
      String json = edited(deployment, value -> value.remove("environment"));
      assertThat(decode(deployment, json).getLeft()).isInstanceOf(CoexistError.InvalidInput.class)
          .extracting(CoexistError::message).asString()
          .contains("deployment record '" + deployment.key() + "'")
          .contains("at OfDeployment.deployment.environment: missing");
    }

    @Test
    @DisplayName("refuses an Immutables value missing a required attribute, with the builder's reason")
    void missingAttribute() throws Exception {
      StoredRecord incident = SCENARIO.records().stream().filter(StoredRecord.OfIncident.class::isInstance)
          .findFirst().orElseThrow();
      String json = edited(incident, value -> ((com.fasterxml.jackson.databind.node.ObjectNode) value.get("incident"))
          .remove("title"));
      assertThat(decode(incident, json).getLeft().message()).contains("incident record").contains("title");
    }
  }

  @Nested
  @DisplayName("reading bad data")
  class BadData {
    private final StoredRecord fact = new StoredRecord.OfIncidentFact(new IncidentFact(IncidentId.of("inc-1"),
        ServiceId.of("shop"), 2, Scenario.T0, Optional.empty(), Optional.empty(),
        Optional.of(DeploymentId.of("d-1")), 0, Optional.of(true)));

    private String fault(String json) {
      return decode(fact, json).fold(CoexistError::message, ok -> "read " + ok);
    }

    @Test
    @DisplayName("refuses a value its constructor refuses, with the constructor's reason")
    void refusedByConstructor() {
      String json = encode(fact).replace("\"priority\":2", "\"priority\":9");
      assertThat(fault(json)).contains("incident-fact record 'inc-1'").contains("priority must be 1 to 5");
    }

    @Test
    @DisplayName("refuses a case the sealed type does not permit, and never looks a class up by that name")
    void unknownCase() {
      assertThat(fault(encode(fact).replace("OfIncidentFact", "OfWhatever"))).contains("'OfWhatever' is no case");
      assertThat(fault("{\"java.lang.ProcessBuilder\":{\"command\":[\"rm\"]}}"))
          .contains("'java.lang.ProcessBuilder' is no case of StoredRecord");
    }

    @Test
    @DisplayName("refuses a record stored under another kind or key")
    void elsewhere() {
      assertThat(codec.decodeRecord("incident-fact", "inc-2", encode(fact)).getLeft().message())
          .contains("it holds the incident-fact record 'inc-1'");
    }

    @Test
    @DisplayName("refuses text that is not JSON, empty text, and trailing text")
    void notJson() {
      assertThat(fault("{\"OfIncidentFact\":")).contains("is not JSON");
      assertThat(fault("")).contains("is empty");
      assertThat(fault(encode(fact) + " {}")).contains("is not JSON");
    }

    @Test
    @DisplayName("refuses a value of the wrong type, an unknown enum constant and a bad instant, saying where")
    void wrongTypes() {
      assertThat(fault(encode(fact).replace("\"priority\":2", "\"priority\":\"2\"")))
          .contains("at OfIncidentFact.fact.priority: expected a whole number (32 bits), found string");
      assertThat(fault(encode(fact).replace("\"withinSla\":true", "\"withinSla\":\"yes\"")))
          .contains("at OfIncidentFact.fact.withinSla: expected a boolean");
      assertThat(fault(encode(fact).replace("2025-03-04T09:15:30.123456789Z", "yesterday")))
          .contains("at OfIncidentFact.fact.openedAt: expected an instant");
      assertThat(fault("{\"OfIncidentFact\":{\"fact\":[]}}")).contains("expected IncidentFact as an object");
    }
  }
}
