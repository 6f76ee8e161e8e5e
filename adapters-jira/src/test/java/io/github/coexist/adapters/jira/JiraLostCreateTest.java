package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.standins.jira.JiraStandIn;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A create whose answer is lost (504) although Jira made the issue, on a site whose search lists
 * new issues only after a lag: coexist must find the issue before it creates again.
 */
class JiraLostCreateTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final List<Duration> slept = new CopyOnWriteArrayList<>();

  private Fixture start(Duration lag, Map<String, String> settings) {
    return Fixture.start(JiraStandIn.builder().clock(clock).searchLag(lag), settings,
        b -> b.sleeper(d -> {
          slept.add(d);
          clock.advance(d);
          return true;
        }));
  }

  @Test
  @DisplayName("a create answered 504 after the issue was made, then a retry, leave exactly one issue in Jira")
  void lostAnswerMakesNoDuplicate() {
    try (Fixture f = start(Duration.ofSeconds(3), Map.of())) {
      f.adapter.resolveFields().get();
      f.site.loseNextCreateAnswers(1);
      Change change = Changes.normal("k-504");

      Either<CoexistError, ExternalKey> first = f.adapter.changeRecords().ensure(change);
      Either<CoexistError, ExternalKey> retry = f.adapter.changeRecords().ensure(change);

      assertThat(f.site.issues()).hasSize(1);
      assertThat(f.site.count("POST", "/rest/api/3/issue")).isEqualTo(1);
      assertThat(first.get()).isEqualTo(retry.get());
      assertThat(first.get().display()).isEqualTo(f.site.issues().get(0).key());
    }
  }

  @Test
  @DisplayName("a lag longer than search.settle-time is waited out for at most that time, in back-off steps of at most 2 s")
  void waitIsBounded() {
    try (Fixture f = start(Duration.ofSeconds(30), Map.of("coexist.jira.search.settle-time", "5s"))) {
      f.adapter.resolveFields().get();
      f.site.loseNextCreateAnswers(1);
      Change change = Changes.normal("k-slow");

      CoexistError error = f.adapter.changeRecords().ensure(change).getLeft();

      assertThat(error).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(5));
      assertThat(slept).allMatch(d -> d.compareTo(Duration.ofSeconds(2)) <= 0);
      assertThat(f.site.issues()).hasSize(1);
    }
  }

  @Test
  @DisplayName("a settled search that finds nothing lets coexist create: a create refused outright was never made")
  void settledEmptySearchCreates() {
    try (Fixture f = start(Duration.ZERO, Map.of())) {
      f.adapter.resolveFields().get();
      f.site.failNext("/rest/api/3/issue", 1, 503, Map.of(), "");
      Change change = Changes.normal("k-503");

      assertThat(f.adapter.changeRecords().ensure(change).isLeft()).isTrue();
      ExternalKey created = f.adapter.changeRecords().ensure(change).get();

      assertThat(f.site.issues()).extracting(JiraStandIn.Issue::key).containsExactly(created.display());
    }
  }
}
