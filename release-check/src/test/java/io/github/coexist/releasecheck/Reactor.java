package io.github.coexist.releasecheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The project's modules as the root pom and each module's pom declare them. */
final class Reactor {

  /** One module: its folder, coordinates and whether a release publishes it. */
  record Module(Path folder, String artifactId, String packaging, boolean published) {

    Path artifact(String version, String classifier) {
      String suffix = classifier.isEmpty() ? "" : "-" + classifier;
      return folder.resolve("target").resolve(artifactId + "-" + version + suffix + ".jar");
    }
  }

  private final Path root;
  private final Document rootPom;

  private Reactor(Path root, Document rootPom) {
    this.root = root;
    this.rootPom = rootPom;
  }

  /** The reactor whose root folder the build passes as the coexist.root system property. */
  static Reactor ofBuild() {
    String root = System.getProperty("coexist.root", "");
    if (root.isEmpty()) {
      throw new IllegalStateException("coexist.root is not set: run these tests through Maven from the root");
    }
    Path folder = Path.of(root);
    return new Reactor(folder, parse(folder.resolve("pom.xml")));
  }

  Path root() {
    return root;
  }

  String version() {
    return child(rootPom.getDocumentElement(), "version");
  }

  List<Module> modules() {
    List<Module> modules = new ArrayList<>();
    Element list = element(rootPom.getDocumentElement(), "modules");
    for (Element module : elements(list, "module")) {
      Path folder = root.resolve(module.getTextContent().trim());
      Element project = parse(folder.resolve("pom.xml")).getDocumentElement();
      String packaging = child(project, "packaging");
      Element properties = element(project, "properties");
      boolean skipped = properties != null && "true".equals(child(properties, "maven.deploy.skip"));
      modules.add(new Module(folder, child(project, "artifactId"), packaging.isEmpty() ? "jar" : packaging, !skipped));
    }
    return modules;
  }

  /** The artifactIds that the BOM manages. */
  List<String> bomEntries() {
    Element project = parse(root.resolve("bom/pom.xml")).getDocumentElement();
    Element dependencies = element(element(project, "dependencyManagement"), "dependencies");
    List<String> ids = new ArrayList<>();
    for (Element dependency : elements(dependencies, "dependency")) {
      ids.add(child(dependency, "artifactId"));
    }
    return ids;
  }

  private static Document parse(Path pom) {
    try (InputStream in = Files.newInputStream(pom)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(in);
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
    }
  }

  private static String child(Element parent, String name) {
    Element element = element(parent, name);
    return element == null ? "" : element.getTextContent().trim();
  }

  private static Element element(Element parent, String name) {
    List<Element> found = elements(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  /** Direct children only: a dependency's artifactId is not the project's. */
  private static List<Element> elements(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node node = children.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }
}
