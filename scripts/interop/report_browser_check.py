#!/usr/bin/env python3
"""Opens a Synapse HTML report in headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium), and checks that it loads cleanly:
no console errors, every image loaded (natural width > 0), and no
sideways scrolling on a phone. Saves screenshots at 1280x800 and 390x844.

    report_browser_check.py REPORT.html SCREENSHOT_DIR

Exits 77 when Selenium, Chromium or its driver is missing.
"""
import json
import os
import shutil
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    print("selenium is not installed")
    sys.exit(77)


def find(*names):
    for name in names:
        path = shutil.which(name) or (name if os.path.exists(name) else None)
        if path:
            return path
    return None


def main():
    report, outdir = os.path.abspath(sys.argv[1]), sys.argv[2]
    browser = find("chromium", "chromium-browser", "/usr/bin/chromium")
    driver_path = find("chromedriver", "/usr/bin/chromedriver")
    if not browser or not driver_path:
        print("chromium or chromedriver is not installed")
        sys.exit(77)
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    failures = []
    try:
        for name, (width, height) in {"laptop": (1280, 800), "phone": (390, 844)}.items():
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": name == "phone"})
            driver.get("file://" + report)
            images = driver.execute_script(
                "return Array.from(document.images).map(i => [i.alt, i.complete, i.naturalWidth])")
            if not images:
                failures.append(f"{name}: the page has no images")
            for alt, complete, natural in images:
                if not complete or natural <= 0:
                    failures.append(f"{name}: image '{alt}' did not load")
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                failures.append(f"{name}: the page scrolls sideways by {overflow} px")
            errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
            failures += [f"{name}: console error: {e.get('message')}" for e in errors]
            shot = os.path.join(outdir, f"report-{name}-{width}x{height}.png")
            driver.save_screenshot(shot)
            print(json.dumps({"view": name, "images": len(images), "screenshot": shot}))
    finally:
        driver.quit()
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
