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
  @DisplayName("bad arguments exit 2, listing every problem and the usage, and tell no story")
  void everyProblemAtOnce() {
    int code = run("--seed", "soon", "--days", "0", "--itsm", "remedy", "--github", "gitlab", "extra");

    assertThat(code).isEqualTo(2);
    assertThat(errors()).contains("unexpected argument 'extra'", "--seed must be a whole number, was 'soon'",
        "--days must be 1 to 60, was 0", "--itsm must be inmemory, servicenow or jira, was 'remedy'",
        "--github must be standin or none, was 'gitlab'", DemoCommand.USAGE);
    assertThat(out.size()).isZero();
  }

  @Test
  @DisplayName("an unknown option and an option without its value exit 2")
  void unknownOption() {
    assertThat(run("--colour", "always")).isEqualTo(2);
    assertThat(errors()).contains("unknown option --colour");
    err.reset();
    assertThat(run("--seed")).isEqualTo(2);
    assertThat(errors()).contains("option --seed needs a value");
  }

  @Test
  @DisplayName("without options the demo runs five days from seed 42 into ./coexist-demo, in memory, without GitHub")
  void defaults() {
    DemoOptions options = DemoCommand.parse(new String[0], new PrintStream(err)).orElseThrow();

    assertThat(options).isEqualTo(new DemoOptions(42, 5, Path.of("coexist-demo"), DemoOptions.ItsmChoice.INMEMORY, false));
    assertThat(DemoCommand.parse(new String[] {"--itsm=Jira", "--github", "standin", "--days", "3", "--seed", "-7"},
        new PrintStream(err)).orElseThrow())
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
