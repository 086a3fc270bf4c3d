package org.camelav.examples;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camelav.testsupport.Prerequisites;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium driven through /usr/bin/chromedriver, as the browser tests and the live-view bench use it. */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Fails (in CI) or skips the test when the browser is not installed. */
    static void require() {
        Prerequisites.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver (bin/install-deps --test)");
    }

    /** A muted browser that autoplays, with a window of {@code size} ({@code 1280,800}) and any further switches. */
    static ChromeDriver start(String size, String... switches) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--mute-audio", "--autoplay-policy=no-user-gesture-required", "--window-size=" + size);
        options.addArguments(switches);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
