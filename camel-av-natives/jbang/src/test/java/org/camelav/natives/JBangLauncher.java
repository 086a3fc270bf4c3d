package org.camelav.natives;

/**
 * {@code main} for Camel JBang's {@code CamelJBangMain} (which has none), called by reflection so that this module
 * compiles without the launcher: the test runs it in a child JVM on the launcher's own class path only.
 */
public final class JBangLauncher {

    private JBangLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName("org.apache.camel.dsl.jbang.core.commands.CamelJBangMain")
                .getMethod("run", String[].class).invoke(null, (Object) args);
    }
}
