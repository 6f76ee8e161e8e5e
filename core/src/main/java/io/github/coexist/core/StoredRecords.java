package io.github.coexist.core;

import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.feedback.Survey;
import io.github.coexist.core.gate.GateRecord;
import io.github.coexist.core.gate.TemplateReenabled;
import io.github.coexist.core.incident.KeptIncident;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.postmortem.PublishedPostmortem;
import io.github.coexist.core.problem.KeptProblem;
import io.github.coexist.core.problem.Recurrence;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.StoredRecord;
import java.util.ArrayList;
import java.util.List;

/** Stored records sorted by kind, for restoring each service from its own. */
record StoredRecords(
    List<Service> services,
    List<GateRecord> changes,
    List<KeptIncident> incidents,
    List<KeptProblem> problems,
    List<Recurrence> recurrences,
    List<ServiceRequest> requests,
    List<Survey> surveys,
    List<Deployment> deployments,
    List<ChangeFact> changeFacts,
    List<IncidentFact> incidentFacts,
    List<FeedbackFact> feedbackFacts,
    List<Signal.PullRequestMerged> mergedPullRequests,
    List<TemplateReenabled> templates,
    List<PublishedPostmortem> publishedPostmortems) {

  /** Sorts {@code records}, keeping their order within each kind. */
  static StoredRecords sort(List<StoredRecord> records) {
    StoredRecords sorted = new StoredRecords(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>());
    records.forEach(sorted::add);
    return sorted;
  }

  private void add(StoredRecord record) {
    if (record instanceof StoredRecord.OfService of) {
      services.add(of.service());
    } else if (record instanceof StoredRecord.OfGate of) {
      changes.add(of.record());
    } else if (record instanceof StoredRecord.OfIncident of) {
      incidents.add(of.kept());
    } else if (record instanceof StoredRecord.OfProblem of) {
      problems.add(of.kept());
    } else if (record instanceof StoredRecord.OfRecurrence of) {
      recurrences.add(of.recurrence());
    } else if (record instanceof StoredRecord.OfRequest of) {
      requests.add(of.request());
    } else if (record instanceof StoredRecord.OfSurvey of) {
      surveys.add(of.survey());
    } else if (record instanceof StoredRecord.OfDeployment of) {
      deployments.add(of.deployment());
    } else if (record instanceof StoredRecord.OfChangeFact of) {
      changeFacts.add(of.fact());
    } else if (record instanceof StoredRecord.OfIncidentFact of) {
      incidentFacts.add(of.fact());
    } else if (record instanceof StoredRecord.OfFeedbackFact of) {
      feedbackFacts.add(of.fact());
    } else if (record instanceof StoredRecord.OfMergedPullRequest of) {
      mergedPullRequests.add(of.merged());
    } else if (record instanceof StoredRecord.OfTemplate of) {
      templates.add(of.reenabled());
    } else if (record instanceof StoredRecord.OfPublishedPostmortem of) {
      publishedPostmortems.add(of.published());
    }
    // OfPostmortem: drafts are worked out from the incident's timeline, so nothing is restored.
  }
}
