package io.github.coexist.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("--help lists every command and the exit codes, on standard output, and exits 0")
  void help() {
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("Usage: coexist ").contains("demo", "serve", "replay", "kpis", "help",
        "Exit codes", "--version");
    assertThat(err()).isEmpty();
  }

  @Test
  @DisplayName("--version names coexist's version from the build and the Java runtime")
  void version() {
    assertThat(run("--version")).isZero();
    assertThat(out()).matches("(?s)coexist \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\nJava .*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "serve", "replay", "kpis"})
  @DisplayName("every command has --help and --version, and help COMMAND prints the same help")
  void everyCommand(String command) {
    assertThat(run(command, "--help")).isZero();
    String help = out();
    assertThat(help).startsWith("Usage: coexist " + command).contains("--version", "Exit codes");
    out.reset();
    assertThat(run("help", command)).isZero();
    assertThat(out()).isEqualTo(help);
    out.reset();
    assertThat(run(command, "--version")).isZero();
    assertThat(out()).startsWith("coexist ");
  }

  @Test
  @DisplayName("no command, or an unknown one, is a usage mistake: exit 2 with the usage on standard error")
  void usageMistakes() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).startsWith("Usage: coexist ");
    assertThat(out()).isEmpty();
    err.reset();
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(err()).startsWith("coexist: Unmatched argument at index 0: 'deploy'");
    err.reset();
    assertThat(run("serve", "--port", "80")).isEqualTo(2);
    assertThat(err()).startsWith("coexist serve: Unknown options: '--port', '80'");
  }
}
