package io.github.coexist.app.replay;

import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.app.cli.Cli;
import io.github.coexist.app.cli.Converters;
import io.github.coexist.app.cli.Version;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.serve.PolicyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Processes saved GitHub deliveries from folder DIR, in file-name order, offline, and prints one JSON line each.",
    footerHeading = "%nLimits:%n",
    footer = {"  Only regular files directly inside DIR are read; a delivery over 25 MiB (26214400 bytes, GitHub sends",
        "  at most 25 MB) or a headers file over 64 KiB, and a symbolic link, FIFO, socket or device, is refused",
        "  unread: its line is rejected and says why."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the folder was read, whatever became of its deliveries",
        "1:DIR is missing, not a folder or cannot be listed", "2:bad arguments",
        "3:the folder was read but some files were refused unread"})
public final class ReplayCommand implements Callable<Integer> {
  /** Exit code: the folder was read, but some files were refused unread (not regular files inside it, or too large). */
  static final int REFUSED = 3;

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "files <event>.<anything>.json, each with an optional <file>.headers (Name: value lines)")
  private Path dir;

  @Option(names = "--secret", paramLabel = "S",
      description = "check signatures against S (comma-separated for several); unchecked without it")
  private String secret;

  @Option(names = "--production", paramLabel = "NAMES", converter = Converters.Production.class,
      description = "the production environments, comma-separated (production,prod)")
  private ProductionEnvironments production;

  @Option(names = "--api-url", paramLabel = "URL", converter = Converters.HttpUrl.class,
      description = "the GitHub API the deliveries came from (https://api.github.com)")
  private URI apiUrl = Replay.Options.GITHUB_COM;

  @Option(names = "--policy", paramLabel = "FILE", description = "the policy file serve reads: approval policy, windows and services")
  private Path policyFile;

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  /**
   * The command, printing a line per delivery on {@code out} and its summary and problems on
   * {@code err}; {@code clock} starts a replay whose deliveries name no time.
   */
  public ReplayCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** Runs the command with {@code args} (after the word {@code replay}); answers the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Clock.systemUTC());
  }

  /** As {@link #run(String[], PrintStream, PrintStream)}; {@code clock} starts a replay whose deliveries name no time. */
  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    return Cli.run(new ReplayCommand(out, err, clock), args, out, err);
  }

  @Override
  public Integer call() {
    Problems problems = new Problems();
    Optional<String> secret = Optional.ofNullable(this.secret);
    secret.filter(String::isBlank).ifPresent(s -> problems.add("--secret must not be blank"));
    Optional<ProductionEnvironments> production = Optional.ofNullable(this.production);
    // The policy file serve reads: its policy, windows and services make decisions as serve's would.
    Optional<PolicyFile> policy = Optional.ofNullable(policyFile).flatMap(file ->
        PolicyFile.read(file, production.orElseGet(ProductionEnvironments::defaults))
            .peekLeft(e -> problems.add("--policy: " + e.message())).toJavaOptional());
    if (!problems.isEmpty()) {
      return Cli.refuse(spec, problems.list().asJava());
    }

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
}
