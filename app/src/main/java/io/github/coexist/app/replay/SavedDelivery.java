package io.github.coexist.app.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One saved GitHub delivery as found in a replay folder: the body of {@code <event>.<anything>.json}
 * and the request headers of the {@code .headers} file beside it, if there is one. What could not
 * be read is kept as problems, so the delivery is reported as rejected rather than lost.
 */
final class SavedDelivery {
  /** The suffix of a headers file: {@code push.1.json.headers} holds the headers of {@code push.1.json}. */
  static final String HEADERS_SUFFIX = ".headers";

  private final String file;
  private final Optional<byte[]> body;
  private final Map<String, String> headers;
  private final List<String> problems;
  private final boolean refused;

  private SavedDelivery(String file, Optional<byte[]> body, Map<String, String> headers, List<String> problems,
      boolean refused) {
    this.file = file;
    this.body = body;
    this.headers = Collections.unmodifiableMap(headers);
    this.problems = List.copyOf(problems);
    this.refused = refused;
  }

  /**
   * Reads {@code file} and its headers file, each only when it is a regular file inside the folder
   * and no larger than {@link SafeFiles#MAX_DELIVERY_BYTES} or {@link SafeFiles#MAX_HEADERS_BYTES}
   * (see {@link SafeFiles}); never throws for what is on disk.
   */
  static SavedDelivery read(Path file) {
    List<String> problems = new ArrayList<>();
    boolean refused = false;
    String name = file.getFileName().toString();
    Optional<byte[]> body = Optional.empty();
    try {
      body = Optional.of(SafeFiles.read(file, SafeFiles.MAX_DELIVERY_BYTES));
    } catch (SafeFiles.Refused e) {
      problems.add(e.getMessage());
      refused = true;
    } catch (IOException e) {
      problems.add("cannot read " + name + ": " + describe(e));
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Path headersFile = file.resolveSibling(name + HEADERS_SUFFIX);
    if (Files.exists(headersFile, LinkOption.NOFOLLOW_LINKS)) {
      try {
        byte[] bytes = SafeFiles.read(headersFile, SafeFiles.MAX_HEADERS_BYTES);
        // strict UTF-8: bytes that are not UTF-8 are a problem, not replaced
        String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        parseHeaders(name + HEADERS_SUFFIX, text, headers, problems);
      } catch (SafeFiles.Refused e) {
        problems.add(e.getMessage());
        refused = true;
      } catch (IOException e) {
        problems.add("cannot read " + name + HEADERS_SUFFIX + ": " + describe(e));
      }
    }
    return new SavedDelivery(name, body, headers, problems, refused);
  }

  /**
   * Reads {@code Name: value} lines into {@code headers} (names without case; a later line wins);
   * blank lines are skipped, every other line without a name and a colon is a problem.
   */
  static void parseHeaders(String source, String text, Map<String, String> headers, List<String> problems) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      String headerName = colon > 0 ? line.substring(0, colon).strip() : "";
      if (headerName.isEmpty() || headerName.chars().anyMatch(Character::isWhitespace)) {
        problems.add(source + " line " + (i + 1) + " is not 'Name: value'");
        continue;
      }
      headers.put(headerName, line.substring(colon + 1).strip());
    }
  }

  /** The file's name, as the replay prints it. */
  String file() {
    return file;
  }

  /** The event the file name gives: the text before its first dot (empty for {@code .json}). */
  String eventFromName() {
    int dot = file.indexOf('.');
    return dot < 0 ? file : file.substring(0, dot);
  }

  /** The event: the headers file's {@code X-GitHub-Event}, else the file name's. */
  Optional<String> event() {
    return header("X-GitHub-Event").or(() -> Optional.of(eventFromName()).filter(e -> !e.isBlank()));
  }

  /**
   * The delivery id: the headers file's {@code X-GitHub-Delivery}, else a name-based UUID of the
   * file name, so the same file name always gets the same id.
   */
  String deliveryId() {
    return header("X-GitHub-Delivery").orElseGet(() -> derivedId(file));
  }

  /** The id a delivery saved as {@code file} without a delivery id header gets. */
  static String derivedId(String file) {
    return UUID.nameUUIDFromBytes(("coexist-replay:" + file).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The header {@code name} of the headers file, when present and not blank. */
  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name)).filter(v -> !v.isBlank());
  }

  /** The headers file's headers, names without case. */
  Map<String, String> headers() {
    return headers;
  }

  /** The body, unless it could not be read. */
  Optional<byte[]> body() {
    return body.map(byte[]::clone);
  }

  /** What could not be read: the body, the headers file or one of its lines. */
  List<String> problems() {
    return problems;
  }

  /**
   * Whether the delivery or its headers file was refused unread, as not a regular file inside the
   * folder or as too large ({@link SafeFiles}); its problems say which and why.
   */
  boolean refused() {
    return refused;
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public String toString() {
    return "SavedDelivery[" + file + "]";
  }
}
