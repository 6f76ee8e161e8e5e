package io.github.coexist.testkit;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Names a kit's nested groups after the test class that runs the kit, so that two implementations
 * in one module (ServiceNow's Change Management API and Table API, say) can be told apart in
 * reports: the group {@code Ensure} of {@code ServiceNowChangeRecordsCompatibilityTest} is shown
 * as "ServiceNowChangeRecordsCompatibilityTest: ensure", where JUnit alone would show "Ensure" for
 * every implementer. The words come from the group's class name ({@code ApprovalInTheTool} reads
 * "approval in the tool"), so the groups carry no {@code @DisplayName} (it would win over this
 * generator). Test classes and methods keep JUnit's standard names and their own {@code
 * @DisplayName}s.
 */
final class ImplementerNames extends DisplayNameGenerator.Standard {
  @Override
  public String generateDisplayNameForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> nestedClass) {
    String group = words(nestedClass.getSimpleName());
    return enclosingInstanceTypes.isEmpty() ? group : enclosingInstanceTypes.get(0).getSimpleName() + ": " + group;
  }

  /** {@code ApprovalInTheTool} as "approval in the tool". */
  static String words(String camelCase) {
    return camelCase.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
  }
}
