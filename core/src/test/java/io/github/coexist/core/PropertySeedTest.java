package io.github.coexist.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every property test can be replayed: it prints its seed when it fails ("Seed was N") and takes
 * {@code -DQT_SEED=N} to run the same examples again, as CONTRIBUTING.md tells. QuickTheories does
 * both for {@code qt()} with its system strategy; a property class that fixed its own seed or
 * strategy would silently ignore the replay, so this test holds every one to {@code qt()}.
 */
@DisplayName("property tests print and take their seed")
class PropertySeedTest {
  private final String before = System.getProperty("QT_SEED");

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty("QT_SEED");
    } else {
      System.setProperty("QT_SEED", before);
    }
  }

  @Test
  @DisplayName("QT_SEED replays the same examples")
  void seedReplays() {
    System.setProperty("QT_SEED", "4611758887739");
    assertThat(draw()).isEqualTo(draw());
  }

  @Test
  @DisplayName("a falsified property names the seed that replays it")
  void failurePrintsSeed() {
    System.setProperty("QT_SEED", "12345");
    assertThatThrownBy(() -> qt().withExamples(50).forAll(longs().all()).check(x -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Seed was 12345");
  }

  @Test
  @DisplayName("every property class of core runs on qt() and none fixes its own seed or strategy")
  void everyPropertyClassIsReplayable() throws IOException {
    List<Path> classes;
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      classes = files.filter(f -> f.getFileName().toString().endsWith("Properties.java")).toList();
    }
    assertThat(classes).hasSizeGreaterThan(20);
    for (Path file : classes) {
      String source = Files.readString(file);
      assertThat(source).as(file.toString()).contains("qt()")
          .doesNotContain("withFixedSeed").doesNotContain("withStrategy").doesNotContain("withProfile");
    }
  }

  private static List<Long> draw() {
    List<Long> seen = new ArrayList<>();
    qt().withExamples(20).forAll(longs().all()).checkAssert(seen::add);
    return seen;
  }
}
