package io.github.coexist.store.jdbc;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** The extension behind {@link OnBothDatabases}. */
final class BothDatabases implements TestTemplateInvocationContextProvider {

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(OnBothDatabases.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    return Stream.of(on("sqlite", TestDatabase::sqlite), on("postgresql", TestDatabase::postgres));
  }

  private static TestTemplateInvocationContext on(String name, Supplier<TestDatabase> database) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "on " + name;
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new Resolver(database));
      }
    };
  }

  /** Gives the test its database and closes it (an AutoCloseable in the store) after the test. */
  private static final class Resolver implements ParameterResolver {
    private final Supplier<TestDatabase> database;

    Resolver(Supplier<TestDatabase> database) {
      this.database = database;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getStore(ExtensionContext.Namespace.create(BothDatabases.class, context.getUniqueId()))
          .getOrComputeIfAbsent("database", key -> database.get(), TestDatabase.class);
    }
  }
}
