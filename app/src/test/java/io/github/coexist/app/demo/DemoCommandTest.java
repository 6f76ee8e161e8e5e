package io.github.coexist.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return DemoCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("bad arguments exit 2, each reported with the synopsis, and tell no story")
  void badArguments() {
    assertThat(run("--seed", "soon")).isEqualTo(2);
    assertThat(errors()).startsWith("coexist demo: Invalid value for option '--seed': 'soon' is not a long")
        .contains("Usage: coexist demo ", "Try 'coexist demo --help' for more information.");
    err.reset();
    assertThat(run("--days", "0")).isEqualTo(2);
    assertThat(errors()).startsWith("coexist demo: --days must be 1 to 60, was 0\n");
    err.reset();
    assertThat(run("--itsm", "remedy")).isEqualTo(2);
    assertThat(errors()).contains("'--itsm'", "remedy", "INMEMORY, SERVICENOW, JIRA");
    err.reset();
    assertThat(run("--github", "gitlab")).isEqualTo(2);
    assertThat(errors()).contains("'--github'", "gitlab", "STANDIN, NONE");
    err.reset();
    assertThat(run("extra")).isEqualTo(2);
    assertThat(errors()).contains("Unmatched argument at index 0: 'extra'");
    assertThat(out.size()).isZero();
  }

  @Test
  @DisplayName("an unknown option and an option without its value exit 2")
  void unknownOption() {
    assertThat(run("--colour", "always")).isEqualTo(2);
    assertThat(errors()).contains("Unknown options: '--colour', 'always'");
    err.reset();
    assertThat(run("--seed")).isEqualTo(2);
    assertThat(errors()).contains("Missing required parameter for option '--seed' (N)");
  }

  @Test
  @DisplayName("without options the demo runs five days from seed 42 into ./coexist-demo, in memory, without GitHub")
  void defaults() {
    DemoOptions options = DemoCommand.parse(new String[0], new PrintStream(err)).orElseThrow(() -> new AssertionError(errors()));

    assertThat(options).isEqualTo(new DemoOptions(42, 5, Path.of("coexist-demo"), DemoOptions.ItsmChoice.INMEMORY, false));
    assertThat(DemoCommand.parse(new String[] {"--itsm=Jira", "--github", "standin", "--days", "3", "--seed", "-7"},
        new PrintStream(err)).orElseThrow(() -> new AssertionError(errors())))
        .isEqualTo(new DemoOptions(-7, 3, Path.of("coexist-demo"), DemoOptions.ItsmChoice.JIRA, true));
  }

  @Test
  @DisplayName("a folder that cannot be made exits 1 saying where it could not write")
  void unwritableFolder(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "not a folder");

    int code = run("--out", file.resolve("demo").toString(), "--days", "1");

    assertThat(code).isEqualTo(1);
    assertThat(errors()).contains("demo: cannot write to " + file.resolve("demo"));
  }
}
