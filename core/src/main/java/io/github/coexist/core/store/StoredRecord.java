package io.github.coexist.core.store;

import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.feedback.Survey;
import io.github.coexist.core.gate.GateRecord;
import io.github.coexist.core.gate.TemplateReenabled;
import io.github.coexist.core.incident.KeptIncident;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.postmortem.Postmortem;
import io.github.coexist.core.postmortem.PublishedPostmortem;
import io.github.coexist.core.problem.KeptProblem;
import io.github.coexist.core.problem.Recurrence;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.signal.Signal;
import java.util.Locale;
import java.util.Objects;

/**
 * One record a {@link StateStore} keeps, of one kind: a later record of the same
 * {@link #kind()} and {@link #key()} replaces the earlier one. A store needs to know no more of a
 * record than these two and how to encode the value; the kinds are stable names, safe to use as
 * column values.
 */
public sealed interface StoredRecord {

  /** The kind of record: {@code change}, {@code incident}, ... */
  String kind();

  /** The record's identity within its kind. */
  String key();

  /** Which record this is: its kind and key. */
  default Ref ref() {
    return new Ref(kind(), key());
  }

  /**
   * A record named by its kind and key, as a {@link Batch} deletes it.
   *
   * @param kind the kind of record ({@link StoredRecord#kind()})
   * @param key its identity within its kind ({@link StoredRecord#key()})
   */
  record Ref(String kind, String key) {
    public Ref {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * A merged pull request whose commits later deployments of its shas carry, for lead time. Keyed
   * by the repository, {@code @} and the head sha.
   */
  record OfMergedPullRequest(Signal.PullRequestMerged merged) implements StoredRecord {
    public OfMergedPullRequest {
      Objects.requireNonNull(merged, "merged");
    }

    @Override
    public String kind() {
      return "merged-pull-request";
    }

    @Override
    public String key() {
      return merged.repository() + "@" + merged.headSha();
    }
  }

  /** A change as the gate tracks it. */
  record OfGate(GateRecord record) implements StoredRecord {
    public OfGate {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public String kind() {
      return "change";
    }

    @Override
    public String key() {
      return record.change().id().value();
    }
  }

  /** A published postmortem with its action items as they stand. Keyed by the incident. */
  record OfPublishedPostmortem(PublishedPostmortem published) implements StoredRecord {
    public OfPublishedPostmortem {
      Objects.requireNonNull(published, "published");
    }

    @Override
    public String kind() {
      return "published-postmortem";
    }

    @Override
    public String key() {
      return published.incident().value();
    }
  }

  /** A standard change template re-enabled after a demotion, so that a restart keeps it enabled. */
  record OfTemplate(TemplateReenabled reenabled) implements StoredRecord {
    public OfTemplate {
      Objects.requireNonNull(reenabled, "reenabled");
    }

    @Override
    public String kind() {
      return "template";
    }

    @Override
    public String key() {
      return reenabled.model();
    }
  }

  /** An incident, with what the incident desk knows beside it (whether the tool holds it, ...). */
  record OfIncident(KeptIncident kept) implements StoredRecord {
    public OfIncident {
      Objects.requireNonNull(kept, "kept");
    }

    @Override
    public String kind() {
      return "incident";
    }

    @Override
    public String key() {
      return kept.incident().id().value();
    }
  }

  /** A problem, with its known error, and whether the tool holds it. */
  record OfProblem(KeptProblem kept) implements StoredRecord {
    public OfProblem {
      Objects.requireNonNull(kept, "kept");
    }

    @Override
    public String kind() {
      return "problem";
    }

    @Override
    public String key() {
      return kept.problem().id().value();
    }
  }

  /**
   * The incidents of one service and signature counted towards raising a problem. Keyed by the
   * service, a slash and the signature, the service's {@code %} and {@code /} escaped as {@code
   * %25} and {@code %2F} so that no two pairs share a key.
   */
  record OfRecurrence(Recurrence recurrence) implements StoredRecord {
    public OfRecurrence {
      Objects.requireNonNull(recurrence, "recurrence");
    }

    @Override
    public String kind() {
      return "recurrence";
    }

    @Override
    public String key() {
      return recurrence.service().value().replace("%", "%25").replace("/", "%2F") + "/" + recurrence.signature();
    }
  }

  /** A catalog request. */
  record OfRequest(ServiceRequest request) implements StoredRecord {
    public OfRequest {
      Objects.requireNonNull(request, "request");
    }

    @Override
    public String kind() {
      return "request";
    }

    @Override
    public String key() {
      return request.id().value();
    }
  }

  /** A satisfaction survey, with its answer once given. */
  record OfSurvey(Survey survey) implements StoredRecord {
    public OfSurvey {
      Objects.requireNonNull(survey, "survey");
    }

    @Override
    public String kind() {
      return "survey";
    }

    @Override
    public String key() {
      return survey.ticket().kind().name().toLowerCase(Locale.ROOT) + ":" + survey.ticket().id();
    }
  }

  /** The postmortem drafted for an incident. */
  record OfPostmortem(Postmortem postmortem) implements StoredRecord {
    public OfPostmortem {
      Objects.requireNonNull(postmortem, "postmortem");
    }

    @Override
    public String kind() {
      return "postmortem";
    }

    @Override
    public String key() {
      return postmortem.incident().value();
    }
  }

  /** A service registered with coexist (not one read from a CMDB, which keeps its own). */
  record OfService(Service service) implements StoredRecord {
    public OfService {
      Objects.requireNonNull(service, "service");
    }

    @Override
    public String kind() {
      return "service";
    }

    @Override
    public String key() {
      return service.id().value();
    }
  }

  /** A finished deployment, as the KPIs count it. */
  record OfDeployment(Deployment deployment) implements StoredRecord {
    public OfDeployment {
      Objects.requireNonNull(deployment, "deployment");
    }

    @Override
    public String kind() {
      return "deployment";
    }

    @Override
    public String key() {
      return deployment.id().value();
    }
  }

  /** A change as the KPIs count it. */
  record OfChangeFact(ChangeFact fact) implements StoredRecord {
    public OfChangeFact {
      Objects.requireNonNull(fact, "fact");
    }

    @Override
    public String kind() {
      return "change-fact";
    }

    @Override
    public String key() {
      return fact.id().value();
    }
  }

  /** An incident as the KPIs count it. */
  record OfIncidentFact(IncidentFact fact) implements StoredRecord {
    public OfIncidentFact {
      Objects.requireNonNull(fact, "fact");
    }

    @Override
    public String kind() {
      return "incident-fact";
    }

    @Override
    public String key() {
      return fact.id().value();
    }
  }

  /** A satisfaction answer as the KPIs count it. */
  record OfFeedbackFact(FeedbackFact fact) implements StoredRecord {
    public OfFeedbackFact {
      Objects.requireNonNull(fact, "fact");
    }

    @Override
    public String kind() {
      return "feedback-fact";
    }

    @Override
    public String key() {
      return fact.ticket() + "@" + fact.at();
    }
  }
}
