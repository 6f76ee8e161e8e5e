package io.github.coexist.adapters.github;

import io.vavr.control.Either;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A repository as {@code owner/name}. Only the characters GitHub allows in owner and repository
 * names are accepted, so a name taken from a payload can never steer a request path elsewhere.
 */
record Repository(String owner, String name) {
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** The repository {@code fullName} names, or why it is not one. */
  static Either<String, Repository> parse(String fullName) {
    int slash = fullName.indexOf('/');
    if (slash <= 0 || slash != fullName.lastIndexOf('/')) {
      return Either.left("'" + shorten(fullName) + "' is not of the form owner/repo");
    }
    String owner = fullName.substring(0, slash);
    String name = fullName.substring(slash + 1);
    if (!OWNER.matcher(owner).matches() || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      return Either.left("'" + shorten(fullName) + "' is not a valid GitHub repository name");
    }
    return Either.right(new Repository(owner, name));
  }

  /** {@code owner/name}. */
  String fullName() {
    return owner + "/" + name;
  }

  /** The REST path of the repository, {@code /repos/owner/name}. */
  String path() {
    return "/repos/" + owner + "/" + name;
  }

  /** A map key for {@code sha} in this repository, the same whatever the case of either. */
  String key(String sha) {
    return fullName().toLowerCase(Locale.ROOT) + "@" + sha.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code other} names this repository (GitHub names ignore case). */
  boolean sameAs(Repository other) {
    return fullName().toLowerCase(Locale.ROOT).equals(other.fullName().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return fullName();
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
