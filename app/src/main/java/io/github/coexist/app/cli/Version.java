package io.github.coexist.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code --version} prints: coexist's version, from the build (a resource Maven fills in),
 * and the Java runtime it runs on.
 */
public final class Version implements CommandLine.IVersionProvider {
  private static final String RESOURCE = "/io/github/coexist/app/version.properties";

  /** coexist's version, such as {@code 0.1.0-SNAPSHOT}. */
  public static String coexist() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"coexist " + coexist(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
  }
}
