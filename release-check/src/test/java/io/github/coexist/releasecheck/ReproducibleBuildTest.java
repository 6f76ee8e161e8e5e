package io.github.coexist.releasecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the core jar a second time, from a copy of its sources in another folder, and compares it
 * byte for byte with the jar this build made: the same commit must give the same artifact
 * (project.build.outputTimestamp, pinned plugins). Offline: the first build fetched everything.
 */
@DisplayName("Reproducible build")
class ReproducibleBuildTest {

  private static final long TIMEOUT_MINUTES = 15;

  @Test
  @DisplayName("the core jar built again from a copy of its sources has the same bytes")
  void coreJarBuildsToTheSameBytes(@TempDir Path copy) throws IOException, InterruptedException {
    Reactor reactor = Reactor.ofBuild();
    Path root = reactor.root();
    String jarName = "coexist-core-" + reactor.version() + ".jar";
    Path first = root.resolve("core/target").resolve(jarName);
    assertThat(first).as("core jar of this build (run mvn verify from the root)").isRegularFile();

    for (String file : List.of("pom.xml", "LICENSE", "NOTICE", ".mvn/jvm.config", "core/pom.xml")) {
      Files.createDirectories(copy.resolve(file).getParent());
      Files.copy(root.resolve(file), copy.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
    }
    copyTree(root.resolve("core/src/main"), copy.resolve("core/src/main"));

    Path log = copy.resolve("build.log");
    Process build = new ProcessBuilder(command(copy)).directory(copy.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = build.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!done) {
      build.destroyForcibly();
    }
    assertThat(done).as("second build finished within %d minutes", TIMEOUT_MINUTES).isTrue();
    assertThat(build.exitValue()).as("second build's exit code; its log:%n%s", Files.readString(log)).isZero();

    Path second = copy.resolve("core/target").resolve(jarName);
    assertThat(differences(first, second)).as("entries that differ between the two core jars").isEmpty();
    assertThat(Files.mismatch(first, second)).as("first differing byte of the two core jars").isEqualTo(-1L);
  }

  private static List<String> command(Path copy) {
    String mavenHome = System.getProperty("coexist.mavenHome", "");
    String mvn = mavenHome.isEmpty() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
    List<String> command = new ArrayList<>(Arrays.asList(mvn, "-B", "-q", "-o",
        "-f", copy.resolve("core/pom.xml").toString(), "package",
        "-Dmaven.test.skip=true", "-Dmaven.javadoc.skip=true", "-Dmaven.source.skip=true"));
    String repository = System.getProperty("coexist.localRepository", "");
    if (!repository.isEmpty()) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    return command;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Names the entries whose bytes, time or presence differ, so a failure says where to look. */
  private static List<String> differences(Path first, Path second) throws IOException {
    List<String> differ = new ArrayList<>();
    try (JarFile a = new JarFile(first.toFile()); JarFile b = new JarFile(second.toFile())) {
      for (JarEntry entry : (Iterable<JarEntry>) a.stream()::iterator) {
        JarEntry other = b.getJarEntry(entry.getName());
        if (other == null) {
          differ.add(entry.getName() + " (only in the first)");
        } else if (entry.getTime() != other.getTime() || !sameBytes(a, entry, b, other)) {
          differ.add(entry.getName());
        }
      }
      b.stream().filter(entry -> a.getJarEntry(entry.getName()) == null)
          .forEach(entry -> differ.add(entry.getName() + " (only in the second)"));
    }
    return differ;
  }

  private static boolean sameBytes(JarFile a, JarEntry x, JarFile b, JarEntry y) throws IOException {
    try (InputStream one = a.getInputStream(x); InputStream two = b.getInputStream(y)) {
      return Arrays.equals(one.readAllBytes(), two.readAllBytes());
    }
  }
}
