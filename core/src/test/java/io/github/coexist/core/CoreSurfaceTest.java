package io.github.coexist.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The public-surface rules fail where they should, on fixtures in these test sources. */
class CoreSurfaceTest {
  private static final String ROOT = "io.github.coexist.surfacefixture";
  private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(ROOT);
  private static final Map<String, Set<String>> LISTED =
      Map.of("api", Set.of("Listed", "ExtendsHidden", "ShowsHidden"));

  @Test
  @DisplayName("a public type nobody listed fails the surface rule, naming it; internal packages are not listed")
  void unlistedPublicType() {
    CoreSurface.onlyListedTypesArePublic(ROOT, LISTED).check(FIXTURES);
    Map<String, Set<String>> withoutOne = Map.of("api", Set.of("Listed", "ExtendsHidden"));
    assertThatThrownBy(() -> CoreSurface.onlyListedTypesArePublic(ROOT, withoutOne).check(FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("io.github.coexist.surfacefixture.api.ShowsHidden is public but not listed")
        .hasMessageNotContaining("internal.Hidden is public");
  }

  @Test
  @DisplayName("the surface read from the classes is exactly the public top-level types, so a stale entry shows")
  void exactSurface() {
    assertThat(CoreSurface.publicSurface(FIXTURES, ROOT)).isEqualTo(LISTED)
        .isNotEqualTo(Map.of("api", Set.of("Listed", "ExtendsHidden", "ShowsHidden", "Gone")));
  }

  @Test
  @DisplayName("an API type that extends an internal type, or shows one in a field, parameter, result or builder, fails")
  void internalTypeShown() {
    assertThatThrownBy(() -> CoreSurface.API_SHOWS_NO_INTERNAL_TYPE.check(FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ExtendsHidden extends or implements internal io.github.coexist.surfacefixture.internal.Hidden")
        .hasMessageContaining("ShowsHidden.field shows internal")
        .hasMessageContaining("ShowsHidden.take(io.github.coexist.surfacefixture.internal.Hidden) shows internal")
        .hasMessageContaining("ShowsHidden.give() shows internal")
        .hasMessageContaining("ShowsHidden$Builder.with(io.github.coexist.surfacefixture.internal.Hidden) shows internal")
        .hasMessageNotContaining("Listed");
  }
}
