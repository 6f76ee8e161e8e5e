package io.github.coexist.app.events;

import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.ChangeType;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.incident.Verdict;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns one line of the event log into one fact, or into every problem the line has. Not thread-safe. */
final class LineParser {
  private static final int FIELDS = Field.values().length;
  /** The bad commits of a deployment whose problems are named; the others are counted. */
  static final int MAX_BAD_COMMITS_NAMED = 10;

  // Jackson quotes at most an excerpt of a bad token or of the line in its messages
  private final JsonFactory json = JsonFactory.builder()
      .errorReportConfiguration(ErrorReportConfiguration.builder()
          .maxErrorTokenLength(Excerpt.MAX_CHARS).maxRawContentLength(Excerpt.MAX_CHARS).build())
      .build();
  private final FastScan scanner = new FastScan();

  /** The fact on the UTF-8 bytes {@code line[from, to)}, or the line's problems joined into one sentence. */
  Either<String, Object> parse(byte[] line, int from, int to) {
    Object[] object = scanner.scan(line, from, to);
    if (object == null) {
      Either<String, Object[]> read = read(line, from, to);
      if (read.isLeft()) {
        return Either.left(read.getLeft());
      }
      object = read.get();
    }
    Object type = object[Field.TYPE.ordinal()];
    if (!(type instanceof String)) {
      return Either.left("type is required: deployment, incident, change or feedback");
    }
    Object id = object[(type.equals("feedback") ? Field.TICKET : Field.ID).ordinal()];
    Problems problems = new Problems();
    Fields fields = new Fields(object, problems);
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
        return Either.left("type must be deployment, incident, change or feedback, was " + Excerpt.quote((String) type));
    }
    if (!problems.isEmpty() || fact == null) {
      String subject = type + (id instanceof String ? " " + Excerpt.of(id) : "");
      return Either.left(subject + ": " + problems.list().mkString("; "));
    }
    return Either.right(fact);
  }

  /**
   * The UTF-8 bytes {@code line[from, to)} read by Jackson into slots by {@link Field#ordinal()},
   * or what is wrong with them as JSON (bytes that are not UTF-8 included).
   */
  Either<String, Object[]> read(byte[] line, int from, int to) {
    try (JsonParser parser = json.createParser(line, from, to - from)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Either.left("not a JSON object");
      }
      Object[] object = readObject(parser);
      if (parser.nextToken() != null) {
        return Either.left("more than one JSON value on the line");
      }
      return Either.right(object);
    } catch (JsonProcessingException e) {
      return Either.left("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return Either.left("cannot be read: " + e.getMessage());
    }
  }

  private static Deployment deployment(Fields f, Problems problems) {
    String id = f.text(Field.ID);
    String service = f.text(Field.SERVICE);
    String environment = f.text(Field.ENVIRONMENT);
    String statusText = f.text(Field.STATUS);
    Instant started = f.instant(Field.STARTED_AT);
    Instant finished = f.instant(Field.FINISHED_AT);
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
          problems.add("status must be success or failure, was " + Excerpt.quote(statusText));
      }
    }
    if (started != null && finished != null && finished.isBefore(started)) {
      problems.add("finishedAt is before startedAt");
    }
    List<Object[]> listed = f.objects(Field.COMMITS);
    List<Commit> commits = new ArrayList<>(listed.size());
    int badCommits = 0;
    for (int i = 0; i < listed.size(); i++) {
      // the problems of the first few bad commits are named; the rest are counted (a 1 MiB line
      // holds 300,000 empty commits, and naming each would make a megabyte of problems)
      Problems found = badCommits < MAX_BAD_COMMITS_NAMED ? problems : new Problems();
      Fields c = new Fields(listed.get(i), Field.COMMITS.json, i, found);
      String sha = c.text(Field.SHA);
      Instant committed = c.instant(Field.COMMITTED_AT);
      if (sha != null && committed != null) {
        commits.add(new Commit(sha, committed));
      } else {
        badCommits++;
      }
    }
    if (badCommits > MAX_BAD_COMMITS_NAMED) {
      problems.add((badCommits - MAX_BAD_COMMITS_NAMED) + " more commits have problems");
    }
    Optional<String> changeId = f.optionalText(Field.CHANGE_ID);
    Optional<String> hotfixFor = f.optionalText(Field.HOTFIX_FOR);
    Optional<String> rollbackOf = f.optionalText(Field.ROLLBACK_OF);
    if (rollbackOf.filter(undone -> undone.equals(id)).isPresent()) {
      problems.add("rollbackOf names the deployment itself");
    }
    Optional<String> repository = f.optionalText(Field.REPOSITORY);
    Optional<String> sha = f.optionalText(Field.SHA);
    if (!problems.isEmpty()) {
      return null;
    }
    return new Deployment(DeploymentId.of(id), ServiceId.of(service), environment, status, started,
        Optional.of(finished), commits, changeId.map(ChangeId::of), hotfixFor.map(IncidentId::of), repository, sha,
        rollbackOf.map(DeploymentId::of));
  }

  private static IncidentFact incident(Fields f, Problems problems) {
    IncidentFact.Builder builder = IncidentFact.builder()
        .id(f.text(Field.ID))
        .service(f.text(Field.SERVICE))
        .priority(f.whole(Field.PRIORITY, true, 3))
        .openedAt(f.instant(Field.OPENED_AT))
        .acknowledgedAt(f.instantOrNull(Field.ACKNOWLEDGED_AT))
        .resolvedAt(f.instantOrNull(Field.RESOLVED_AT))
        .causedBy(f.textOrNull(Field.CAUSED_BY))
        .reopenCount(f.whole(Field.REOPEN_COUNT, false, 0))
        .withinSla(f.optionalBoolean(Field.WITHIN_SLA).orElse(null));
    f.optionalText(Field.VERDICT).ifPresent(v -> builder.verdict(Verdict.fromLabel(v).orElseGet(() -> {
      problems.add("verdict must be caused_by_change, not_change_related or unknown, was " + Excerpt.quote(v));
      return null;
    })));
    return built(builder.build(), problems);
  }

  private static ChangeFact change(Fields f, Problems problems) {
    ChangeFact.Builder builder = ChangeFact.builder()
        .id(f.text(Field.ID))
        .service(f.text(Field.SERVICE))
        .createdAt(f.instant(Field.CREATED_AT))
        .closedAt(f.instantOrNull(Field.CLOSED_AT))
        .autoApproved(f.bool(Field.AUTO_APPROVED));
    String type = f.text(Field.CHANGE_TYPE);
    if (type != null) {
      builder.type(ChangeType.fromLabel(type).orElseGet(() -> {
        problems.add("changeType must be standard, normal or emergency, was " + Excerpt.quote((String) type));
        return ChangeType.NORMAL; // a stand-in, so that the builder reports only the other problems
      }));
    }
    f.optionalText(Field.CLOSE_CODE).ifPresent(code -> builder.closeCode(CloseCode.fromLabel(code).orElseGet(() -> {
      problems.add("closeCode must be successful, successful_with_issues or unsuccessful, was " + Excerpt.quote(code));
      return CloseCode.SUCCESSFUL;
    })));
    return built(builder.build(), problems);
  }

  private static FeedbackFact feedback(Fields f, Problems problems) {
    String ticket = f.text(Field.TICKET);
    int rating = f.whole(Field.RATING, true, 1);
    Instant at = f.instant(Field.AT);
    Optional<String> service = f.optionalText(Field.SERVICE);
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

  /** Reads an object's known fields into slots by {@link Field#ordinal()}, skipping unknown ones whole. */
  private static Object[] readObject(JsonParser parser) throws IOException {
    Object[] object = new Object[FIELDS];
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      Field field = Field.named(name);
      JsonToken token = parser.nextToken();
      if (field == null) {
        parser.skipChildren();
      } else {
        object[field.ordinal()] = readValue(parser, token);
      }
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
