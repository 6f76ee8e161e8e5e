package io.github.coexist.app.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The deliveries in a replay folder: its entries named {@code *.json}, in file-name order
 * ({@link String} order, so {@code 10.json} comes before {@code 9.json}); hidden files (a leading
 * dot, such as editors' and macOS's {@code ._push.json}) and subfolders are left alone. A headers
 * file without its delivery is reported, not replayed. Entries are looked at without following
 * links: a symbolic link, a FIFO, a socket or a device named as a delivery is listed, so that its
 * line says it was refused unread ({@link SafeFiles}), but never opened; a link to a folder is not
 * a subfolder.
 *
 * @param deliveries the delivery files, in the order they are replayed
 * @param orphanHeaders names of headers files with no delivery beside them
 */
record DeliveryFolder(List<Path> deliveries, List<String> orphanHeaders) {
  private static final String JSON = ".json";

  DeliveryFolder {
    deliveries = List.copyOf(deliveries);
    orphanHeaders = List.copyOf(orphanHeaders);
  }

  /** Lists {@code dir}, which must be a readable folder. */
  static DeliveryFolder list(Path dir) throws IOException {
    Set<String> jsonNames = new TreeSet<>();
    Set<String> headerNames = new TreeSet<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
          .forEach(name -> {
            if (name.endsWith(JSON)) {
              jsonNames.add(name);
            } else if (name.endsWith(JSON + SavedDelivery.HEADERS_SUFFIX)) {
              headerNames.add(name);
            }
          });
    }
    List<Path> deliveries = new ArrayList<>();
    jsonNames.forEach(name -> deliveries.add(dir.resolve(name)));
    List<String> orphans = new ArrayList<>();
    for (String headers : headerNames) {
      if (!jsonNames.contains(headers.substring(0, headers.length() - SavedDelivery.HEADERS_SUFFIX.length()))) {
        orphans.add(headers);
      }
    }
    return new DeliveryFolder(deliveries, orphans);
  }
}
