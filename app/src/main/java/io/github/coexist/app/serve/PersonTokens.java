package io.github.coexist.app.serve;

import io.github.coexist.app.events.Excerpt;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-person bearer tokens ({@code COEXIST_API_TOKENS_FILE}), read once at start-up. Each line
 * holds the SHA-256 of a token in hex, the person it belongs to and the roles it grants:
 *
 * <pre>
 * # printf %s "$TOKEN" | sha256sum
 * 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  ana  read,write
 * </pre>
 *
 * Only hashes are kept: a presented token is hashed and looked up (the lookup is not constant
 * time, but it leaks at most a prefix of a SHA-256, which tells nothing about the token). A file
 * that others may read or anyone but its owner may write is refused: it holds the keys to every
 * approval. On a file system without POSIX permissions (Windows) the check cannot be made and is
 * skipped. Immutable and thread-safe.
 */
final class PersonTokens {
  /** The longest person name a line may give. */
  static final int MAX_NAME = 128;
  private static final long MAX_FILE_BYTES = 1024 * 1024;
  private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);

  private final Map<String, Caller> byHash;

  private PersonTokens(Map<String, Caller> byHash) {
    this.byHash = Map.copyOf(byHash);
  }

  /** The tokens in {@code file}, or every problem with it (each line's problem names the line). */
  static Either<List<String>, PersonTokens> read(Path file) {
    List<String> problems = new ArrayList<>();
    List<String> lines;
    try {
      permissions(file).ifPresent(problems::add);
      if (Files.size(file) > MAX_FILE_BYTES) {
        return Either.left(List.of(file + " is larger than 1 MB: not a token file"));
      }
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Either.left(List.of("cannot read " + file + ": " + e.getMessage()));
    }
    Map<String, Caller> byHash = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file.getFileName() + " line " + (i + 1);
      parse(line, where, problems).ifPresent(entry -> {
        if (byHash.putIfAbsent(entry.hash().hex(), entry.caller()) != null) {
          problems.add(where + ": the same token hash is listed twice");
        }
      });
    }
    if (problems.isEmpty() && byHash.isEmpty()) {
      problems.add(file + " lists no token");
    }
    return problems.isEmpty() ? Either.right(new PersonTokens(byHash))
        : Either.left(problems);
  }

  /** The person and roles of the token whose hash is {@code hash}, if it is listed. */
  Optional<Caller> find(TokenHash hash) {
    return Optional.ofNullable(byHash.get(hash.hex()));
  }

  /** How many tokens are listed. */
  int size() {
    return byHash.size();
  }

  private record Entry(TokenHash hash, Caller caller) {}

  private static Optional<Entry> parse(String line, String where, List<String> problems) {
    int before = problems.size();
    String[] parts = line.split("\\s+");
    if (parts.length != 3) {
      problems.add(where + ": expected 'SHA256-HEX PERSON ROLES', found " + parts.length + " words");
      return Optional.empty();
    }
    Optional<TokenHash> hash = TokenHash.parse(parts[0]);
    if (hash.isEmpty()) {
      // Never quote the word: someone may have pasted the token itself.
      problems.add(where + ": the first word must be the token's SHA-256 in 64 hex digits, never the token");
    }
    String person = parts[1];
    if (person.length() > MAX_NAME || person.chars().anyMatch(Character::isISOControl)) {
      problems.add(where + ": the person " + Excerpt.quote(person) + " must be at most " + MAX_NAME
          + " printable characters");
    }
    Optional<Set<Caller.Role>> roles = roles(parts[2], where, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Entry(hash.get(), new Caller(Optional.of(person), roles.get(), "a personal token")));
  }

  /** {@code read}, {@code write} or both, separated by commas. */
  static Optional<Set<Caller.Role>> roles(String text, String where, List<String> problems) {
    EnumSet<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
    for (String word : text.split(",")) {
      String name = word.strip().toUpperCase(Locale.ROOT);
      if (name.equals("READ") || name.equals("WRITE")) {
        roles.add(Caller.Role.valueOf(name));
      } else {
        problems.add(where + ": roles are read, write or read,write, found " + Excerpt.quote(word.strip()));
        return Optional.empty();
      }
    }
    return Optional.of(roles);
  }

  /** Why the file's permissions are too open, if they are. */
  private static Optional<String> permissions(Path file) throws IOException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException noPosix) {
      return Optional.empty();
    }
    if (permissions.stream().noneMatch(TOO_OPEN::contains)) {
      return Optional.empty();
    }
    return Optional.of(file + " may be read or written by others (" + PosixFilePermissions.toString(permissions)
        + "): it decides who approves changes; chmod 600 it");
  }
}
