package io.github.coexist.app.replay;

import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.app.cli.Args;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.serve.PolicyFile;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code coexist replay}: processes saved GitHub deliveries from a folder, in file-name order,
 * through the GitHub adapter into coexist held in memory, and prints one JSON line per delivery.
 *
 * <pre>
 * replay DIR [--secret S] [--production NAME,...] [--api-url URL] [--policy FILE]
 * </pre>
 *
 * A delivery is a file {@code <event>.<anything>.json} (the event is the text before the first
 * dot), optionally with its request headers in {@code <file>.headers}, one {@code Name: value} per
 * line; a header there wins over the file name. Each line holds {@code file, event, action,
 * outcome} ({@code accepted}, {@code ignored}, {@code rejected}, {@code duplicate}), {@code reason}
 * and what the delivery produced: {@code change, decision, deployment, incident}. A summary goes to
 * the error stream. Only regular files directly inside DIR are read, a delivery of at most {@link
 * SafeFiles#MAX_DELIVERY_BYTES} and a headers file of at most {@link SafeFiles#MAX_HEADERS_BYTES}:
 * a symbolic link, FIFO, socket or device, or a larger file, is refused unread and its line says
 * so. Exit codes: 0 the folder was read (whatever became of its deliveries), 1 DIR is missing or
 * cannot be listed, 2 bad arguments, 3 the folder was read but some files were refused unread.
 * {@code --help} prints all this. See {@code docs/replay.md}.
 */
public final class ReplayCommand {
  static final String USAGE = "usage: replay DIR [--secret S] [--production NAME,...] [--api-url URL] [--policy FILE]";

  /** Exit code: the folder was read, but some files were refused unread (not regular files inside it, or too large). */
  static final int REFUSED = 3;

  static final String HELP = String.join("\n",
      USAGE,
      "Processes saved GitHub deliveries from folder DIR, in file-name order, offline, and prints one JSON line each.",
      "  DIR                  files <event>.<anything>.json, each with an optional <file>.headers (Name: value lines)",
      "  --secret S           check signatures against S (comma-separated for several); unchecked without it",
      "  --production NAMES   the production environments, comma-separated (production,prod)",
      "  --api-url URL        the GitHub API the deliveries came from (https://api.github.com)",
      "  --policy FILE        the policy file serve reads: approval policy, windows and services",
      "Limits: only regular files directly inside DIR are read; a delivery over 25 MiB (26214400 bytes, GitHub sends",
      "  at most 25 MB) or a headers file over 64 KiB, and a symbolic link, FIFO, socket or device, is refused",
      "  unread: its line is rejected and says why.",
      "Exit codes: 0 the folder was read, whatever became of its deliveries; 1 DIR is missing, not a folder or",
      "  cannot be listed; 2 bad arguments; 3 the folder was read but some files were refused unread.");

  private static final Set<String> OPTIONS = new LinkedHashSet<>(List.of("secret", "production", "api-url", "policy"));

  private ReplayCommand() {}

  /** Runs the command with {@code args} (after the word {@code replay}); answers the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Clock.systemUTC());
  }

  /** As {@link #run(String[], PrintStream, PrintStream)}; {@code clock} starts a replay whose deliveries name no time. */
  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    Either<Integer, Args> called = Args.forCommand("replay", args, OPTIONS, HELP, USAGE, out, err);
    if (called.isLeft()) {
      return called.getLeft();
    }
    Args parsed = called.get();
    Problems problems = new Problems();
    List<String> positional = parsed.positional();
    problems.require(!positional.isEmpty(), "DIR, the folder of saved deliveries, is required");
    positional.stream().skip(1).forEach(word -> problems.add("unexpected argument '" + word + "'"));
    Optional<String> secret = parsed.option("secret");
    secret.filter(s -> s.isBlank()).ifPresent(s -> problems.add("--secret must not be blank"));
    Optional<ProductionEnvironments> production = parsed.option("production").flatMap(names ->
        ProductionEnvironments.parse(names).peekLeft(e -> problems.add("--production: " + e.message())).toJavaOptional());
    URI apiUrl = parsed.option("api-url").map(url -> apiUrl(url, problems)).orElse(Replay.Options.GITHUB_COM);
    // The policy file serve reads: its policy, windows and services make decisions as serve's would.
    Optional<PolicyFile> policy = parsed.option("policy").flatMap(file ->
        PolicyFile.read(Path.of(file), production.orElseGet(ProductionEnvironments::defaults))
            .peekLeft(e -> problems.add("--policy: " + e.message())).toJavaOptional());
    if (!problems.isEmpty()) {
      problems.list().forEach(problem -> err.println("replay: " + problem));
      err.println(USAGE);
      return 2;
    }

    Path dir = Path.of(positional.get(0));
    if (!Files.exists(dir)) {
      err.println("replay: no such folder: " + dir);
      return 1;
    }
    if (!Files.isDirectory(dir)) {
      err.println("replay: " + dir + " is not a folder");
      return 1;
    }
    DeliveryFolder folder;
    try {
      folder = DeliveryFolder.list(dir);
    } catch (IOException e) {
      err.println("replay: cannot list " + dir + ": " + e.getMessage());
      return 1;
    }
    folder.orphanHeaders().forEach(headers -> err.println("replay: " + headers + " has no "
        + headers.substring(0, headers.length() - SavedDelivery.HEADERS_SUFFIX.length()) + " beside it; skipped"));
    if (folder.deliveries().isEmpty()) {
      err.println("replay: " + dir + " holds no deliveries (files named <event>.<anything>.json)");
      return 0;
    }

    Map<ReplayLine.Outcome, Integer> counts = new EnumMap<>(ReplayLine.Outcome.class);
    List<String> refused = new ArrayList<>();
    Replay.Options options = new Replay.Options(secret, production, apiUrl, policy);
    try (Replay replay = Replay.startFor(options, folder.deliveries(), clock)) {
      for (Path file : folder.deliveries()) {
        SavedDelivery saved = SavedDelivery.read(file);
        if (saved.refused()) {
          refused.add(saved.file());
        }
        ReplayLine line = replay.replay(saved);
        counts.merge(line.outcome(), 1, Integer::sum);
        out.println(Views.text(line.json()));
        out.flush();
      }
    }
    err.println("replay: " + folder.deliveries().size() + (folder.deliveries().size() == 1 ? " delivery" : " deliveries")
        + " from " + dir + ": " + List.of(ReplayLine.Outcome.values()).stream()
            .map(o -> counts.getOrDefault(o, 0) + " " + o.label()).collect(Collectors.joining(", "))
        + (secret.isPresent() ? "" : " (signatures not checked: give --secret to check them)"));
    if (!refused.isEmpty()) {
      err.println("replay: refused unread, as not regular files inside " + dir + " or too large: "
          + String.join(", ", refused));
      return REFUSED;
    }
    return 0;
  }

  private static URI apiUrl(String text, Problems problems) {
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add("--api-url must be an http(s) URL such as https://github.example.com/api/v3, was '" + text + "'");
    return Replay.Options.GITHUB_COM;
  }
}
