package org.benchwright.engine.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {

  @Test
  void logbackUsesTheSetUpInCode() {
    // Found through META-INF/services: the root logger has our stderr appender and levels.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<?>) root.getAppender("STDERR")).getTarget())
        .isEqualTo("System.err");
    assertThat(context.getLogger("org.benchwright").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.hibernate").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("liquibase").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void aUsersOwnConfigurationFileWins() {
    System.setProperty("logback.configurationFile", "mine.xml");
    try {
      LogSetup setup = new LogSetup();
      LoggerContext fresh = new LoggerContext();
      setup.setContext(fresh);

      assertThat(setup.configure(fresh)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(fresh.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    } finally {
      System.clearProperty("logback.configurationFile");
    }
  }
}
