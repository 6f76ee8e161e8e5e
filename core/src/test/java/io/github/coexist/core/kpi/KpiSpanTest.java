package io.github.coexist.core.kpi;

import static io.github.coexist.core.kpi.Facts.answer;
import static io.github.coexist.core.kpi.Facts.build;
import static io.github.coexist.core.kpi.Facts.change;
import static io.github.coexist.core.kpi.Facts.h;
import static io.github.coexist.core.kpi.Facts.incident;
import static io.github.coexist.core.kpi.Facts.prod;
import static io.github.coexist.core.kpi.Facts.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The default window ({@link KpiEngine#span()}) runs from the earliest time of any fact to just
 * after the latest, whichever kind of fact holds it: a report over the span misses nothing.
 */
class KpiSpanTest {
  private final KpiEngine engine = KpiEngine.create();

  @Test
  @DisplayName("a deployment spans its start (five minutes before it finished) to its finish")
  void deployment() {
    engine.add(prod("d1", "checkout", h(10)));
    assertThat(engine.span()).contains(window(h(10).minusSeconds(300), h(10).plusMillis(1)));
  }

  @Test
  @DisplayName("an incident spans its opening, acknowledgement and resolution")
  void incidentTimes() {
    engine.add(build(incident("i1", "checkout", h(2)).acknowledgedAt(h(3))));
    assertThat(engine.span()).contains(window(h(2), h(3).plusMillis(1)));
    engine.add(build(incident("i1", "checkout", h(2)).acknowledgedAt(h(3)).resolvedAt(h(7))));
    assertThat(engine.span()).contains(window(h(2), h(7).plusMillis(1)));
  }

  @Test
  @DisplayName("a change spans its creation to its closure")
  void changeTimes() {
    engine.add(change("c1", ChangeType.NORMAL, h(4), h(9), CloseCode.SUCCESSFUL, true));
    assertThat(engine.span()).contains(window(h(4), h(9).plusMillis(1)));
  }

  @Test
  @DisplayName("a survey answer counts at the time it was given")
  void feedbackTime() {
    engine.add(answer("INC-1", 5, h(12)));
    assertThat(engine.span()).contains(window(h(12), h(12).plusMillis(1)));
  }

  @Test
  @DisplayName("facts of every kind together: the earliest of any to just after the latest of any")
  void together() {
    engine.add(prod("d1", "checkout", h(10)));
    engine.add(answer("INC-1", 5, h(40)));
    assertThat(engine.span()).contains(window(h(10).minusSeconds(300), h(40).plusMillis(1)));
    engine.add(change("c1", ChangeType.NORMAL, h(1), h(2), CloseCode.SUCCESSFUL, true));
    assertThat(engine.span()).contains(window(h(1), h(40).plusMillis(1)));
    engine.add(build(incident("i1", "checkout", h(0.5)).resolvedAt(h(50))));
    assertThat(engine.span()).contains(window(h(0.5), h(50).plusMillis(1)));
  }
}
