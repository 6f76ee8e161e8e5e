package io.github.coexist.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of the README and of {@code docs/} compiles as shown, with its own
 * imports, against every module: a reader can copy it into a project and it builds. A block that
 * declares a type is compiled as a file of its own; any other block is the body of a method, its
 * import lines lifted above the class.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
  private static final Pattern TYPE = Pattern.compile(
      "(?m)^(public\\s+)?(final\\s+|abstract\\s+|sealed\\s+)*(class|record|interface|enum)\\s+(\\w+)");

  @TempDir
  Path out;

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : documents()) {
      List<String> blocks = blocks(Files.readString(doc));
      for (int i = 0; i < blocks.size(); i++) {
        String name = ROOT.relativize(doc) + " block " + (i + 1);
        String block = blocks.get(i);
        int n = i;
        tests.add(DynamicTest.dynamicTest(name, () -> assertThat(compile(unit(block, doc, n))).as(name).isEmpty()));
      }
    }
    return tests.stream();
  }

  @Test
  void theReadmeHasJavaBlocks() throws IOException {
    assertThat(blocks(Files.readString(ROOT.resolve("README.md")))).isNotEmpty();
  }

  @Test
  void aBlockThatDoesNotCompileIsReported() {
    assertThat(compile(unit("import java.util.List;\nList<String> names = 42;\n", ROOT.resolve("README.md"), 0)))
        .anyMatch(error -> error.contains("incompatible types"));
  }

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  private static List<String> blocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** The compilation unit for a block: as it is when it declares a type, else wrapped in a method. */
  private static Source unit(String block, Path doc, int index) {
    Matcher type = TYPE.matcher(block);
    if (type.find()) {
      return new Source(type.group(4), block);
    }
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    String name = "Snippet" + Math.abs((doc.getFileName().toString() + index).hashCode());
    return new Source(name, imports + "class " + name + " {\n  void run() throws Exception {\n" + body + "  }\n}\n");
  }

  private List<String> compile(Source source) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of("-proc:none", "-d", out.toString(), "-classpath",
        System.getProperty("java.class.path"), "--release", "17");
    boolean ok = javac.getTask(new StringWriter(), null, diagnostics, options, null, List.of(source)).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add("line " + d.getLineNumber() + ": " + d.getMessage(null));
      }
    }
    if (!ok && errors.isEmpty()) {
      errors.add("javac failed without a diagnostic");
    }
    return errors;
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String name, String code) {
      super(URI.create("string:///" + name + Kind.SOURCE.extension), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
