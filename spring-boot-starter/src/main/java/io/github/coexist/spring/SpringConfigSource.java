package io.github.coexist.spring;

import io.github.coexist.adapters.http.ConfigSource;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

/**
 * The adapters' settings read from Spring's {@link Environment} with Boot's relaxed binding, so
 * the keys {@code serve} reads from environment variables work everywhere Boot finds properties:
 * {@code coexist.github.webhook-secret} in {@code application.properties}, {@code webhookSecret}
 * in YAML, {@code COEXIST_GITHUB_WEBHOOK_SECRET} in the environment. A key given as a list (YAML
 * sequence, {@code key[0]}) reads as its items joined by commas, as the adapters' list settings are
 * written.
 */
final class SpringConfigSource implements ConfigSource {
  private static final Bindable<List<String>> LIST = Bindable.listOf(String.class);

  private final Binder binder;

  SpringConfigSource(Environment environment) {
    this.binder = Binder.get(environment);
  }

  @Override
  public Optional<String> get(String key) {
    if (!ConfigurationPropertyName.isValid(key)) {
      return Optional.empty();
    }
    ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
    Optional<String> value = binder.bind(name, Bindable.of(String.class)).map(Optional::of).orElse(Optional.empty())
        .or(() -> binder.bind(name, LIST).map(items -> String.join(",", items)).map(Optional::of)
            .orElse(Optional.empty()));
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }
}
