package io.github.coexist.core;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FactListener;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.store.StoredRecord;

/** Keeps every KPI fact in the store, so the KPIs after a restart are the KPIs before. */
final class FactKeeper implements FactListener {
  private final Keeping keeping;

  FactKeeper(Keeping keeping) {
    this.keeping = keeping;
  }

  @Override
  public void deployment(Deployment deployment) {
    keeping.put(new StoredRecord.OfDeployment(deployment));
  }

  @Override
  public void incident(IncidentFact incident) {
    keeping.put(new StoredRecord.OfIncidentFact(incident));
  }

  @Override
  public void change(ChangeFact change) {
    keeping.put(new StoredRecord.OfChangeFact(change));
  }

  @Override
  public void feedback(FeedbackFact feedback) {
    keeping.put(new StoredRecord.OfFeedbackFact(feedback));
  }
}
