package io.github.coexist.releasecheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.releasecheck.Reactor.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a release would upload, checked on the jars this build made: Maven Central wants sources
 * and Javadoc beside every jar, and users on the module path need a stable module name.
 */
@DisplayName("Published artifacts")
class PublishedArtifactsTest {

  private static final String MODULE_NAME = "io\\.github\\.coexist(\\.[a-z][a-z0-9]*)+";

  private final Reactor reactor = Reactor.ofBuild();
  private final String version = reactor.version();

  @Test
  @DisplayName("the BOM lists exactly the published modules")
  void bomListsThePublishedModules() {
    List<String> published = reactor.modules().stream()
        .filter(Module::published)
        .filter(module -> !module.packaging().equals("pom"))
        .map(Module::artifactId)
        .collect(Collectors.toList());

    assertThat(reactor.bomEntries()).containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  @DisplayName("the runnable app, the Spring Boot sample, the benchmarks and this check are not published")
  void toolsAreNotPublished() {
    Map<String, Boolean> published = reactor.modules().stream()
        .collect(Collectors.toMap(Module::artifactId, Module::published));

    assertThat(published)
        .containsEntry("coexist-app", false)
        .containsEntry("coexist-benchmarks", false)
        .containsEntry("coexist-spring-boot-sample", false)
        .containsEntry("coexist-spring-boot-starter", true)
        .containsEntry("coexist-release-check", false)
        .containsEntry("coexist-core", true);
  }

  @Test
  @DisplayName("every published jar module has its main, sources and javadoc jars")
  void everyPublishedModuleHasItsThreeJars() throws IOException {
    for (Module module : publishedJars()) {
      Path main = module.artifact(version, "");
      Path sources = module.artifact(version, "sources");
      Path javadoc = module.artifact(version, "javadoc");
      assertThat(main).as("main jar of %s (run mvn verify from the root)", module.artifactId()).isRegularFile();
      assertThat(sources).as("sources jar of %s", module.artifactId()).isRegularFile();
      assertThat(javadoc).as("javadoc jar of %s", module.artifactId()).isRegularFile();
      assertThat(entries(sources)).as("sources of %s", module.artifactId()).anyMatch(name -> name.endsWith(".java"));
      assertThat(entries(javadoc)).as("javadoc of %s", module.artifactId()).contains("index.html");
      assertThat(entries(main)).as("licence in %s", module.artifactId())
          .contains("META-INF/LICENSE", "META-INF/NOTICE");
    }
  }

  @Test
  @DisplayName("every published jar names its module in the manifest, each name its own")
  void everyPublishedJarHasAnAutomaticModuleName() throws IOException {
    Map<String, String> owners = new HashMap<>();
    for (Module module : publishedJars()) {
      String name = automaticModuleName(module.artifact(version, ""));
      assertThat(name).as("Automatic-Module-Name of %s", module.artifactId()).matches(MODULE_NAME);
      assertThat(owners.put(name, module.artifactId()))
          .as("%s is also the module name of another jar", name).isNull();
    }
    assertThat(owners).containsEntry("io.github.coexist.core", "coexist-core");
  }

  private List<Module> publishedJars() {
    List<Module> jars = reactor.modules().stream()
        .filter(Module::published)
        .filter(module -> module.packaging().equals("jar"))
        .collect(Collectors.toList());
    assertThat(jars).as("published jar modules").isNotEmpty();
    return jars;
  }

  private static String automaticModuleName(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
      return name == null ? "" : name;
    }
  }

  private static List<String> entries(Path jar) throws IOException {
    assertThat(Files.size(jar)).isPositive();
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(entry -> entry.getName()).collect(Collectors.toList());
    }
  }
}
