package io.github.coexist.app.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file of a replay folder only when it is safe to: a regular file (not a symbolic link,
 * a folder, a FIFO, a socket or a device) whose real path lies directly inside the folder, of at
 * most a given size. Anything else is refused by name and kind, without opening it, so that a link
 * to a file elsewhere cannot have its content replayed or quoted, a FIFO cannot block the replay,
 * and a huge file cannot exhaust the heap. The file is opened without following links, so a
 * link put in its place after the check is refused too.
 */
final class SafeFiles {
  /** The largest delivery read: 25 MiB, the most GitHub sends in a webhook payload (25 MB). */
  static final long MAX_DELIVERY_BYTES = 25L << 20;
  /** The largest headers file read: 64 KiB, far more than a request's headers. */
  static final long MAX_HEADERS_BYTES = 64L << 10;

  private SafeFiles() {}

  /**
   * The bytes of {@code file}, which must be a regular file directly inside its parent folder of
   * at most {@code max} bytes.
   *
   * @throws Refused when it is not such a file (the message names it and says why)
   * @throws IOException when it cannot be read
   */
  static byte[] read(Path file, long max) throws IOException {
    String name = file.getFileName().toString();
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isSymbolicLink()) {
      throw new Refused(name + " is a symbolic link; replay reads only regular files inside its folder: not read");
    }
    if (!attributes.isRegularFile()) {
      throw new Refused(name + " is not a regular file (" + (attributes.isDirectory() ? "a folder" : "a FIFO, socket or"
          + " device") + "); replay reads only regular files inside its folder: not read");
    }
    Path folder = file.toAbsolutePath().getParent();
    if (!file.toRealPath().getParent().equals(folder.toRealPath())) {
      throw new Refused(name + " is not inside the replay folder; not read");
    }
    if (attributes.size() > max) {
      throw tooLarge(name, attributes.size() + " bytes", max);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) max + 1); // it may have grown since it was measured
      if (bytes.length > max) {
        throw tooLarge(name, "more than " + max + " bytes", max);
      }
      return bytes;
    }
  }

  private static Refused tooLarge(String name, String size, long max) {
    String limit = max % (1 << 20) == 0 ? (max >> 20) + " MiB" : (max >> 10) + " KiB";
    return new Refused(name + " is " + size + ", larger than the " + limit + " (" + max + " bytes) replay reads"
        + (max == MAX_DELIVERY_BYTES ? " (GitHub sends at most 25 MB)" : "") + ": not read");
  }

  /** A file that replay does not read, for a reason its message gives. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }
}
