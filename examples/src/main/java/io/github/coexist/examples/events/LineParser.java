package io.github.coexist.examples.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns one line of the event log into one fact, or into every problem the line has. */
final class LineParser {
  private final JsonFactory json = new JsonFactory();

  /** The fact on {@code line}, or the line's problems joined into one sentence. */
  Either<String, Object> parse(String line) {
    Map<String, Object> object;
    try (JsonParser parser = json.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Either.left("not a JSON object");
      }
      object = readObject(parser);
      if (parser.nextToken() != null) {
        return Either.left("more than one JSON value on the line");
      }
    } catch (JsonProcessingException e) {
      return Either.left("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return Either.left("cannot be read: " + e.getMessage());
    }
    Object type = object.get("type");
    if (!(type instanceof String)) {
      return Either.left("type is required: deployment, incident, change or feedback");
    }
    Object id = type.equals("feedback") ? object.get("ticket") : object.get("id");
    Problems problems = new Problems();
    Fields fields = new Fields(object, "", problems);
    Object fact;
    switch ((String) type) {
      case "deployment":
        fact = deployment(fields, problems);
        break;
      case "incident":
        fact = incident(fields, problems);
        break;
      case "change":
        fact = change(fields, problems);
        break;
      case "feedback":
        fact = feedback(fields, problems);
        break;
      default:
        return Either.left("type must be deployment, incident, change or feedback, was '" + type + "'");
    }
    if (!problems.isEmpty() || fact == null) {
      String subject = type + (id instanceof String ? " " + id : "");
      return Either.left(subject + ": " + problems.list().mkString("; "));
    }
    return Either.right(fact);
  }

  private static Deployment deployment(Fields f, Problems problems) {
    String id = f.text("id");
    String service = f.text("service");
    String environment = f.text("environment");
    String statusText = f.text("status");
    Instant started = f.instant("startedAt");
    Instant finished = f.instant("finishedAt");
    Deployment.Status status = null;
    if (statusText != null) {
      switch (statusText.toLowerCase(Locale.ROOT)) {
        case "success":
          status = Deployment.Status.SUCCESS;
          break;
        case "failure":
          status = Deployment.Status.FAILURE;
          break;
        default:
          problems.add("status must be success or failure, was '" + statusText + "'");
      }
    }
    if (started != null && finished != null && finished.isBefore(started)) {
      problems.add("finishedAt is before startedAt");
    }
    List<Commit> commits = new ArrayList<>();
    List<Map<String, Object>> listed = f.objects("commits");
    for (int i = 0; i < listed.size(); i++) {
      Fields c = new Fields(listed.get(i), "commits[" + i + "].", problems);
      String sha = c.text("sha");
      Instant committed = c.instant("committedAt");
      if (sha != null && committed != null) {
        commits.add(new Commit(sha, committed));
      }
    }
    Optional<String> changeId = f.optionalText("changeId");
    Optional<String> hotfixFor = f.optionalText("hotfixFor");
    Optional<String> repository = f.optionalText("repository");
    Optional<String> sha = f.optionalText("sha");
    if (!problems.isEmpty()) {
      return null;
    }
    return new Deployment(DeploymentId.of(id), ServiceId.of(service), environment, status, started,
        Optional.of(finished), commits, changeId.map(ChangeId::of), hotfixFor.map(IncidentId::of), repository, sha);
  }

  private static IncidentFact incident(Fields f, Problems problems) {
    IncidentFact.Builder builder = IncidentFact.builder()
        .id(f.text("id"))
        .service(f.text("service"))
        .priority(f.whole("priority", true, 3))
        .openedAt(f.instant("openedAt"))
        .acknowledgedAt(f.optionalInstant("acknowledgedAt").orElse(null))
        .resolvedAt(f.optionalInstant("resolvedAt").orElse(null))
        .causedBy(f.optionalText("causedBy").orElse(null))
        .reopenCount(f.whole("reopenCount", false, 0))
        .withinSla(f.optionalBoolean("withinSla").orElse(null));
    return built(builder.build(), problems);
  }

  private static ChangeFact change(Fields f, Problems problems) {
    ChangeFact.Builder builder = ChangeFact.builder()
        .id(f.text("id"))
        .service(f.text("service"))
        .createdAt(f.instant("createdAt"))
        .closedAt(f.optionalInstant("closedAt").orElse(null))
        .autoApproved(f.bool("autoApproved"));
    String type = f.text("changeType");
    if (type != null) {
      builder.type(ChangeFact.Type.fromLabel(type).orElseGet(() -> {
        problems.add("changeType must be standard, normal or emergency, was '" + type + "'");
        return ChangeFact.Type.NORMAL; // a stand-in, so that the builder reports only the other problems
      }));
    }
    f.optionalText("closeCode").ifPresent(code -> builder.closeCode(ChangeFact.CloseCode.fromLabel(code).orElseGet(() -> {
      problems.add("closeCode must be successful, successful_with_issues or unsuccessful, was '" + code + "'");
      return ChangeFact.CloseCode.SUCCESSFUL;
    })));
    return built(builder.build(), problems);
  }

  private static FeedbackFact feedback(Fields f, Problems problems) {
    String ticket = f.text("ticket");
    int rating = f.whole("rating", true, 1);
    Instant at = f.instant("at");
    Optional<String> service = f.optionalText("service");
    if (!problems.isEmpty()) {
      return null;
    }
    return built(FeedbackFact.of(ticket, rating, at, service), problems);
  }

  /** The fact, or null after adding the builder's problems that the field reads did not already report. */
  private static <T> T built(Either<CoexistError, T> built, Problems problems) {
    if (built.isRight()) {
      return problems.isEmpty() ? built.get() : null;
    }
    if (built.getLeft() instanceof CoexistError.InvalidInput) {
      for (String problem : ((CoexistError.InvalidInput) built.getLeft()).problems()) {
        if (!problems.list().contains(problem)) {
          problems.add(problem);
        }
      }
    }
    return null;
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> object = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      object.put(name, readValue(parser, parser.nextToken()));
    }
    return object;
  }

  private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getText() : parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(readValue(parser, t));
        }
        return list;
      default:
        return null;
    }
  }
}
