package io.github.coexist.app.demo;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.kernel.Actor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** Who reviews a change that waits for an authority, how, and when. */
@FunctionalInterface
interface Reviews {

  /**
   * One person's decision.
   *
   * @param by who decides
   * @param approve approve, or reject
   * @param comment what they say
   * @param after how long after the change started waiting
   */
  record Vote(Actor by, boolean approve, String comment, Duration after) {
    public Vote {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(comment, "comment");
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * The votes on {@code change}, which waits for its authority. When the ITSM tool decides, one
   * vote is enough: the person records the authority's decision in the tool.
   */
  List<Vote> votes(Change change, Release release, Random random, boolean inTool);

  /**
   * How the shop usually reviews: a teammate takes the peer review within one or two hours (and
   * now and then sends it back), two of the CAB approve over the afternoon (in a tool, its chair
   * records the board's approval), the emergency CAB on call approves within minutes.
   */
  static Reviews usual() {
    return (change, release, random, inTool) -> {
      String authority = change.decision().authority().orElse("");
      List<Vote> votes = new ArrayList<>();
      switch (authority) {
        case "cab" -> {
          List<Actor> board = new ArrayList<>(Shop.CAB);
          java.util.Collections.shuffle(board, random);
          if (!inTool) {
            votes.add(new Vote(board.get(0), true, "risk understood; fine by me", Duration.ofHours(2)));
          }
          votes.add(new Vote(board.get(1), true, "approved at the CAB meeting", Duration.ofHours(3)));
        }
        case "ecab" -> votes.add(new Vote(Shop.ECAB.get(random.nextInt(Shop.ECAB.size())), true,
            "restore service first; we review it afterwards", Duration.ofMinutes(5 + random.nextInt(6))));
        default -> {
          Actor reviewer = teammate(release, random);
          boolean approve = random.nextDouble() >= 0.06;
          votes.add(new Vote(reviewer, approve, approve ? "looks good, ship it" : "please split this into smaller changes",
              Duration.ofMinutes(20 + 5 * random.nextInt(15))));
        }
      }
      return votes;
    };
  }

  /** Always the same votes, whatever the change. */
  static Reviews fixed(List<Vote> votes) {
    List<Vote> copy = List.copyOf(votes);
    return (change, release, random, inTool) -> inTool && copy.size() > 1 ? copy.subList(copy.size() - 1, copy.size())
        : copy;
  }

  /** A developer of the release's team other than its requester. */
  static Actor teammate(Release release, Random random) {
    List<Actor> others = release.unit().developers().stream().filter(d -> !d.equals(release.requester())).toList();
    return others.isEmpty() ? Shop.CAB.get(0) : others.get(random.nextInt(others.size()));
  }
}
