package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class RubyManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();

    @Test
    void developmentAndTestGroupsAreDevelopmentEveryOtherGroupIsProduction() {
        RubyManifests.Gemfile gemfile = RubyManifests.parse("""
                source "https://rubygems.org"
                ruby "3.3.0"
                gem "rails", "~> 7.1.3", ">= 7.1.3.2"
                gem "bootsnap", require: false
                group :development, :test do
                  gem "debug", platforms: %i[ mri windows ]
                  platforms :mri do
                    gem "stackprof"
                  end
                end
                group :production do
                  gem "lograge"
                end
                gem "rspec-rails", group: [:test]
                gem "pry", :groups => [:development, :test]
                gem "newrelic_rpm", groups: %i[production staging]
                gem "web-console", group: :development # inline
                gem "rubocop", groups: %i[development test], require: false
                """, "Gemfile", warnings);
        assertThat(gemfile.production()).containsExactly(entry("rails", "~> 7.1.3, >= 7.1.3.2"), entry("bootsnap", ""),
                entry("lograge", ""), entry("newrelic_rpm", ""));
        assertThat(gemfile.development()).containsOnlyKeys("debug", "stackprof", "rspec-rails", "pry", "web-console",
                "rubocop");
        assertThat(gemfile.ruby()).isEqualTo("3.3.0");
        assertThat(warnings.list()).isEmpty();
    }

    @Test
    void commentsAndConditionalBlocksDoNotConfuseTheGroups() {
        RubyManifests.Gemfile gemfile = RubyManifests.parse("""
                # gem "commented-out"
                gem "sinatra" # "#{not a gem}"
                group :test do
                  if RUBY_VERSION >= "3.0"
                    gem "rack-test"
                  else
                    gem "old-rack-test"
                  end
                  gem "capybara"
                end
                gem "puma"
                """, "Gemfile", warnings);
        assertThat(gemfile.production()).containsOnlyKeys("sinatra", "puma");
        assertThat(gemfile.development()).containsOnlyKeys("rack-test", "old-rack-test", "capybara");
    }

    @Test
    void unbalancedBlocksAreWarnedAboutNotThrown() {
        RubyManifests.Gemfile gemfile = RubyManifests.parse("""
                gem "rails"
                end
                group :development do
                  gem "listen"
                """, "Gemfile", warnings);
        assertThat(gemfile.production()).containsOnlyKeys("rails");
        assertThat(warnings.list()).containsExactly("Gemfile line 2: 'end' without an open block",
                "Gemfile: 1 block(s) not closed with 'end'");
    }

    @Test
    void lockFileResolvesVersionsTheGemfileLeavesOpen() throws IOException {
        write("Gemfile", "gem 'rails', '~> 7.1'\ngem 'pg'\n");
        write("Gemfile.lock", """
                GEM
                  remote: https://rubygems.org/
                  specs:
                    pg (1.5.6)
                    rails (7.1.3.2)
                      actioncable (= 7.1.3.2)

                RUBY VERSION
                   ruby 3.2.3p157
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.production()).containsOnly(entry("rails", "~> 7.1"), entry("pg", "1.5.6"));
        assertThat(manifest.runtimeVersion()).isEqualTo("3.2.3");
        assertThat(manifest.packageManager()).isEqualTo("bundler");
        assertThat(manifest.evidence()).contains(new Evidence("packageManager=bundler", "Gemfile.lock", "lock file"),
                new Evidence("runtimeVersion", "Gemfile.lock", "RUBY VERSION 3.2.3p157"));
    }

    @Test
    void rubyVersionFileWinsOverToolVersionsAndTheGemfile() throws IOException {
        write("Gemfile", "ruby '3.1.0'\ngem 'rack'\n");
        assertThat(read("").orElseThrow().runtimeVersion()).isEqualTo("3.1.0");
        write(".tool-versions", "ruby 3.2.1\n");
        assertThat(read("").orElseThrow().runtimeVersion()).isEqualTo("3.2.1");
        write(".ruby-version", "ruby-3.3.0\n");
        assertThat(read("").orElseThrow().runtimeVersion()).isEqualTo("3.3.0");
    }

    @Test
    void sinatraScriptAndRackupFileBecomePlaceholders() throws IOException {
        write("Gemfile", "gem 'sinatra'\n");
        write("web.rb", "require 'sinatra'\nget('/') { 'hi' }\n");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.placeholders()).containsEntry("entry", "web.rb").doesNotContainKey("rackup");
        write("config.ru", "require './web'\nrun Sinatra::Application\n");
        assertThat(read("").orElseThrow().placeholders()).containsEntry("rackup", "config.ru");
    }

    @Test
    void noGemfileMeansNoRubyProject() throws IOException {
        write("app.rb", "puts 1\n");
        assertThat(read("")).isEmpty();
    }

    private Optional<Manifest> read(String directory) throws IOException {
        return new RubyManifests(new PackageManagers()).read(RepositoryTree.scan(repo, TreeLimits.DEFAULT), directory,
                warnings);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
