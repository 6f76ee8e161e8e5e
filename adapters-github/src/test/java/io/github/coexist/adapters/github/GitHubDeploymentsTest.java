package io.github.coexist.adapters.github;

import static io.github.coexist.standins.github.GitHubDeliveries.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.standins.github.GitHubStandIn.CommitSpec;
import io.github.coexist.standins.github.GitHubStandIn.Failure;
import io.github.coexist.standins.github.GitHubStandIn.PostedStatus;
import io.github.coexist.standins.github.GitHubStandIn.RecordedRequest;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("GitHub REST calls: deployment statuses and commit ranges")
class GitHubDeploymentsTest {
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private Fixtures.Wired wired;

  @BeforeEach
  void start() {
    wired = Fixtures.withToken(Map.of("coexist.github.request-timeout", "300ms"));
    wired.github().addDeployment(REPOSITORY, 7L, "abc", "production");
    List<CommitSpec> history = new ArrayList<>();
    for (int i = 0; i <= 250; i++) {
      history.add(new CommitSpec(sha(i), T0.plusSeconds(60L * i), List.of("src/File" + (i % 5) + ".java"), 10));
    }
    wired.github().addCommits(REPOSITORY, history);
  }

  @AfterEach
  void stop() {
    wired.close();
  }

  private static String sha(int i) {
    return String.format("%040x", 0xc0ffeeL + i);
  }

  private GitHubDeployments deployments() {
    return wired.adapter().deployments();
  }

  @Nested
  @DisplayName("deployment statuses")
  class Statuses {
    @Test
    @DisplayName("carry the change number in their description, with GitHub's headers and the token")
    void changeNumber() {
      Either<CoexistError, Long> id = deployments().reportStatus(REPOSITORY, 7L, GitHubDeployments.State.SUCCESS,
          "approved by CAB", Optional.of("CHG0030012"), Optional.of("https://itsm.example.com/CHG0030012"));
      assertThat(id.isRight()).isTrue();
      assertThat(wired.github().statuses()).containsExactly(new PostedStatus(REPOSITORY, 7L, "success",
          "Change CHG0030012: approved by CAB", Optional.of("https://itsm.example.com/CHG0030012")));
      RecordedRequest request = wired.github().requests().get(0);
      assertThat(request.header("Authorization")).contains("Bearer " + Fixtures.TOKEN);
      assertThat(request.header("Accept")).contains("application/vnd.github+json");
      assertThat(request.header("X-GitHub-Api-Version")).contains("2022-11-28");
    }

    @Test
    @DisplayName("a description over GitHub's 140 characters is cut to fit")
    void longDescription() {
      assertThat(deployments().reportStatus(REPOSITORY, 7L, GitHubDeployments.State.IN_PROGRESS, "y".repeat(400),
          Optional.empty(), Optional.empty()).isRight()).isTrue();
      assertThat(wired.github().statuses().get(0).description()).hasSize(140).endsWith("…");
    }

    @Test
    @DisplayName("GitHub's 422 becomes invalid input quoting each of its errors")
    void validation() {
      wired.github().failNext(Failure.validationFailed("ref", "No ref found for: nope"));
      CoexistError error = deployments().reportStatus(REPOSITORY, 7L, GitHubDeployments.State.SUCCESS, "x",
          Optional.empty(), Optional.empty()).getLeft();
      assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(error.message()).contains("Validation Failed").contains("No ref found for: nope");
    }

    @Test
    @DisplayName("an unknown deployment is not found; a malformed repository name never leaves the adapter")
    void notFound() {
      assertThat(deployments().reportStatus(REPOSITORY, 8L, GitHubDeployments.State.SUCCESS, "x", Optional.empty(),
          Optional.empty()).getLeft()).isInstanceOf(CoexistError.NotFound.class);
      assertThat(deployments().reportStatus("../../admin", 7L, GitHubDeployments.State.SUCCESS, "x", Optional.empty(),
          Optional.empty()).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(wired.github().requests()).hasSize(1);
    }

    @Test
    @DisplayName("a creation is not repeated after a server error (it might have been made)")
    void notRetried() {
      wired.github().failNext(Failure.serverError(502));
      assertThat(deployments().reportStatus(REPOSITORY, 7L, GitHubDeployments.State.SUCCESS, "x", Optional.empty(),
          Optional.empty()).getLeft()).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(wired.github().requests()).hasSize(1);
    }
  }

  @Nested
  @DisplayName("commit ranges (compare API)")
  class Ranges {
    @Test
    @DisplayName("lists every commit between two shas, oldest first, following the Link pages")
    void paged() {
      CommitRange range = deployments().commitsBetween(REPOSITORY, sha(0), sha(250)).get();
      assertThat(range.commits()).hasSize(250);
      assertThat(range.commits().get(0)).isEqualTo(new Commit(sha(1), T0.plusSeconds(60)));
      assertThat(range.commits().get(249).sha()).isEqualTo(sha(250));
      assertThat(range.complete()).isTrue();
      assertThat(range.filesChanged()).isEqualTo(5);
      assertThat(range.linesChanged()).isEqualTo(2500);
      assertThat(wired.github().requests()).hasSize(3);
      assertThat(wired.github().requests().get(0).query()).isEqualTo("per_page=100");
    }

    @Test
    @DisplayName("an unknown sha is not found; a path-like ref is refused before any request")
    void unknown() {
      assertThat(deployments().commitsBetween(REPOSITORY, "deadbeef", sha(3)).getLeft()).isInstanceOf(CoexistError.NotFound.class);
      assertThat(deployments().commitsBetween(REPOSITORY, "../../../orgs", sha(3)).getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(wired.github().requests()).hasSize(1);
    }

    @Test
    @DisplayName("a secondary rate limit (429, retry-after) is waited out exactly, then the call succeeds")
    void secondaryRateLimit() {
      wired.github().failNext("/compare/", 1, Failure.secondaryRateLimit(429, Duration.ofSeconds(7)));
      assertThat(deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).get().commits()).hasSize(3);
      assertThat(wired.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    @DisplayName("a secondary rate limit given only by a 403 message waits GitHub's advised minute")
    void secondaryRateLimitWithoutHeaders() {
      wired.github().failNext("/compare/", 1, Failure.secondaryRateLimitWithoutHeaders());
      CoexistError error = deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).getLeft();
      assertThat(error).isInstanceOf(CoexistError.RateLimited.class);
      assertThat(((CoexistError.RateLimited) error).retryAfter()).contains(Duration.ofMinutes(1));
      assertThat(wired.waits()).isEmpty();
    }

    @Test
    @DisplayName("the primary rate limit (403, remaining 0) waits until x-ratelimit-reset, handed back when long")
    void primaryRateLimit() {
      wired.github().failNext("/compare/", 1, Failure.primaryRateLimit(Duration.ofMinutes(20)));
      CoexistError error = deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).getLeft();
      assertThat(error).isInstanceOf(CoexistError.RateLimited.class);
      assertThat(((CoexistError.RateLimited) error).retryAfter()).contains(Duration.ofMinutes(20));
      assertThat(error.message()).contains("API rate limit exceeded");

      wired.github().failNext("/compare/", 1, Failure.primaryRateLimit(Duration.ofSeconds(5)));
      assertThat(deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).isRight()).isTrue();
      assertThat(wired.waits()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("a 403 without rate-limit signals is a permission problem, not retried")
    void forbidden() {
      wired.github().failNext("/compare/", 1, Failure.forbidden());
      CoexistError error = deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).getLeft();
      assertThat(error).isInstanceOf(CoexistError.Forbidden.class);
      assertThat(error.message()).contains("Resource not accessible by integration");
      assertThat(wired.github().requests()).hasSize(1);
    }

    @Test
    @DisplayName("server errors are retried with backoff until GitHub answers")
    void serverErrors() {
      wired.github().failNext("/compare/", 2, Failure.serverError(503));
      assertThat(deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).get().commits()).hasSize(3);
      assertThat(wired.waits()).hasSize(2);
    }

    @Test
    @DisplayName("server errors that outlast the attempts end as unavailable")
    void persistentServerErrors() {
      wired.github().failNext("/compare/", 10, Failure.serverError(500));
      assertThat(deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).getLeft()).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(wired.github().requests()).hasSize(4);
    }

    @Test
    @DisplayName("a malformed body is unavailable, not an exception")
    void malformed() {
      wired.github().failNext("/compare/", 1, Failure.malformedBody());
      CoexistError error = deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).getLeft();
      assertThat(error).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(error.message()).contains("not JSON");
    }

    @Test
    @DisplayName("a slow answer times out, and the retry gets the answer")
    void slow() {
      wired.github().failNext("/compare/", 1, Failure.slow(Duration.ofMillis(1500)));
      assertThat(deployments().commitsBetween(REPOSITORY, sha(0), sha(3)).get().commits()).hasSize(3);
      assertThat(wired.waits()).hasSize(1);
    }
  }
}
