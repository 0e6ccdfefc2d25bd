// pom.xml of the generated project: Java 17, -Xlint:all -Werror, a
// reproducible jar, every plugin `verify` runs pinned (the sandbox builds
// offline against what the prefetch fetched for this pom), JUnit through its
// BOM. Versions are those of test/fixtures/java-maven/pom.xml, which the
// sandbox's Java profile is proven with (docs/targets/java-toolchain.md).
import type { FileSet } from "../index.js";
import type { JavaModel } from "./model.js";

/** Pinned versions: exactly the fixture's. */
export const MAVEN_VERSIONS = {
  junitBom: "6.1.3",
  jackson: "2.23.0",
  clean: "3.5.0",
  resources: "3.5.0",
  compiler: "3.16.0",
  surefire: "3.6.1",
  jar: "3.5.1",
  install: "3.2.0",
  deploy: "3.2.0",
  dependency: "3.11.0",
} as const;

/** A fixed entry time for the jar: the build does not depend on the clock. */
export const OUTPUT_TIMESTAMP = "2026-01-01T00:00:00Z";

const xmlText = (s: string): string => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export function pomFile(files: FileSet, model: JavaModel): void {
  const { spec } = model;
  const v = MAVEN_VERSIONS;
  const plugin = (artifact: string, version: string): string =>
    `        <plugin>\n          <groupId>org.apache.maven.plugins</groupId>\n          <artifactId>${artifact}</artifactId>\n          <version>${version}</version>\n        </plugin>`;
  const f = files.file("java/pom.xml", "xml", { firstLines: ['<?xml version="1.0" encoding="UTF-8"?>'] });
  f.print(`<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>

  <groupId>dev.protoforge.${xmlText(spec.protocol.name)}</groupId>
  <artifactId>${xmlText(spec.protocol.name)}</artifactId>
  <version>${xmlText(spec.protocol.version)}</version>
  <packaging>jar</packaging>
  <name>${xmlText(spec.protocol.name)}</name>
  <description>The ${xmlText(spec.protocol.name)} protocol layer: messages and binary codec (package ${model.pkg}).</description>

  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <project.reporting.outputEncoding>UTF-8</project.reporting.outputEncoding>
    <!-- Reproducible build: fixed entry times in the jar. -->
    <project.build.outputTimestamp>${OUTPUT_TIMESTAMP}</project.build.outputTimestamp>
  </properties>

  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.junit</groupId>
        <artifactId>junit-bom</artifactId>
        <version>${v.junitBom}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>

  <dependencies>
    <!-- The JSON mapping's tree (Codec.toJson, fromJson, envelopes). -->
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>${v.jackson}</version>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <scope>test</scope>
    </dependency>
    <!-- Declared, so it is resolved with the other dependencies: surefire
         would otherwise fetch the launcher itself at test time. -->
    <dependency>
      <groupId>org.junit.platform</groupId>
      <artifactId>junit-platform-launcher</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>

  <build>
    <pluginManagement>
      <plugins>
${[
  plugin("maven-clean-plugin", v.clean),
  plugin("maven-resources-plugin", v.resources),
  plugin("maven-compiler-plugin", v.compiler),
  plugin("maven-surefire-plugin", v.surefire),
  plugin("maven-jar-plugin", v.jar),
  plugin("maven-install-plugin", v.install),
  plugin("maven-deploy-plugin", v.deploy),
  plugin("maven-dependency-plugin", v.dependency),
].join("\n")}
      </plugins>
    </pluginManagement>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <configuration>
          <compilerArgs>
            <arg>-Xlint:all</arg>
            <arg>-Werror</arg>
          </compilerArgs>
          <showWarnings>true</showWarnings>
        </configuration>
      </plugin>
      <!-- The runtime dependencies next to the classes, so the demo runs
           without Maven: java -cp target/classes:target/dependency/* ... -->
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <executions>
          <execution>
            <id>runtime-classpath</id>
            <phase>package</phase>
            <goals>
              <goal>copy-dependencies</goal>
            </goals>
            <configuration>
              <includeScope>runtime</includeScope>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>`);
  f.finish();
}
