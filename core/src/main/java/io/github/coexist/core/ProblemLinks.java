package io.github.coexist.core;

import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.ProblemLink;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.problem.KnownError;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemEvent;
import io.github.coexist.core.problem.ProblemListener;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Links incidents back to their problem as the problem manager links them: a repeat incident, the
 * incidents a recurrence raised a problem for, and, once a problem becomes a known error, its open
 * incidents learn the workaround. The desk is {@linkplain #wire wired} late: it is built after the
 * problem manager it listens to, and no event comes before it is.
 */
final class ProblemLinks implements ProblemListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemLinks.class);
  private volatile @Nullable IncidentDesk desk;

  /** Links to {@code desk} from now on. */
  void wire(IncidentDesk desk) {
    this.desk = desk;
  }

  @Override
  public void on(ProblemEvent event) {
    if (event instanceof ProblemEvent.IncidentLinked linked) {
      link(linked.incident(), linked.problem());
    } else if (event instanceof ProblemEvent.Raised raised) {
      raised.problem().incidents().forEach(incident -> link(incident, raised.problem()));
    } else if (event instanceof ProblemEvent.KnownErrorRecorded known) {
      known.problem().incidents().stream().filter(open()).forEach(incident -> link(incident, known.problem()));
    }
  }

  private Predicate<IncidentId> open() {
    IncidentDesk wired = desk;
    return id -> wired != null && wired.incident(id).map(Incident::isOpen).getOrElse(false);
  }

  private void link(IncidentId incident, Problem problem) {
    ProblemLink link = new ProblemLink(problem.id(), problem.externalKey(),
        problem.knownError().map(KnownError::workaround));
    IncidentDesk wired = desk;
    if (wired == null) {
      return; // no event comes before the desk is wired (see the class comment)
    }
    wired.linkProblem(incident, link, Actor.COEXIST).peekLeft(error ->
        LOG.warn("incident {} could not be linked to problem {}: {}", incident, problem.id(), error.message()));
  }
}
