#!/usr/bin/env python3
"""Drives `aisim serve`'s page in a real headless Chromium (Debian's, through Selenium and
chromium-driver) and checks it against the CLI's own numbers.

usage: playground.py AISIM_BINARY [SCREENSHOT.png]

It starts `aisim serve --port 0`, then: the page shows the CLI's numbers for the default prior;
an edited interval gives the CLI's numbers for the edited prior (and the time from the edit to
those numbers); a broken line shows its error on that line; fixing it clears the error; the
share link, opened in a fresh page, gives identical numbers; a title of <script>alert(1)</script>
shows as text. Exits 0 when every check holds, 1 with one line per failure otherwise.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

TRIALS = 200_000
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)
    return condition


def cli(binary, prior_text):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "prior.toml")
        with open(path, "w") as f:
            f.write(prior_text)
        out = subprocess.run([binary, "--prior", path, "--trials", str(TRIALS), "--seed", "1", "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def page_numbers(driver):
    cells = driver.find_elements(By.CSS_SELECTOR, "#table td[data-value]")
    return [float(c.get_attribute("data-value")) for c in cells]


def expected_numbers(run):
    shown = [n for n in run["outputs"] if n in ("parallel_tokens_per_s", "streams", "params") or n.endswith("_multiple")]
    keys = list(run["outputs"][shown[0]]["percentiles"].keys())
    return [run["outputs"][n]["percentiles"][k] for k in keys for n in shown]


def wait_for(driver, predicate, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = predicate(driver)
            if value:
                return value
        except Exception:  # the page is between states
            pass
        time.sleep(0.05)
    return None


def settled(driver, trials=TRIALS):
    status = driver.find_element(By.ID, "status")
    return status.get_attribute("data-trials") == str(trials) and "running" not in status.text


def main():
    binary = sys.argv[1]
    screenshot = sys.argv[2] if len(sys.argv) > 2 else None
    server = subprocess.Popen([binary, "serve", "--port", "0"], stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        match = re.search(r"(http://\S+/)", line)
        if not check(match is not None, f"serve printed no address: {line!r}"):
            return
        url = match.group(1)
        # The browser's profile, and the singleton socket it makes under TMPDIR (which it leaves
        # behind when it is stopped), go in a folder removed afterwards.
        with tempfile.TemporaryDirectory() as scratch:
            options = webdriver.ChromeOptions()
            options.binary_location = "/usr/bin/chromium"
            for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                         f"--user-data-dir={os.path.join(scratch, 'profile')}"):
                options.add_argument(flag)
            service = Service("/usr/bin/chromedriver", env={**os.environ, "TMPDIR": scratch})
            driver = webdriver.Chrome(service=service, options=options)
            try:
                run_checks(driver, binary, url, screenshot)
            finally:
                driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=10)


def run_checks(driver, binary, url, screenshot):
    driver.get(f"{url}#trials={TRIALS}")
    check(wait_for(driver, settled), "the default prior's run never finished")
    default_text = driver.find_element(By.ID, "prior").get_attribute("value")
    check(page_numbers(driver) == expected_numbers(cli(binary, default_text)),
          "the page's numbers for the default prior are not the CLI's")

    # Edit an interval in the editor: the table becomes the CLI's numbers for the edited prior.
    edited = default_text.replace('world_flops = "2e21 to 8e21"', 'world_flops = "1e21 to 8e21"')
    check(edited != default_text, "the default prior has no world_flops interval to edit")
    expected = expected_numbers(cli(binary, edited))
    editor = driver.find_element(By.ID, "prior")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          editor, edited)
    started = time.time()
    check(wait_for(driver, lambda d: settled(d) and page_numbers(d) == expected),
          "after the edit the page never showed the CLI's numbers for the edited prior")
    print(f"edit to the CLI's numbers at {TRIALS:,} trials: {time.time() - started:.2f} s")

    # Break a line: the error shows on that line, the last result stays, greyed.
    lines = edited.split("\n")
    number = next(i for i, l in enumerate(lines) if l.startswith("horizon")) + 1
    broken = "\n".join(l if i + 1 != number else 'horizon = "1 to"' for i, l in enumerate(lines))
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          editor, broken)
    error = wait_for(driver, lambda d: d.find_element(By.ID, "error").is_displayed() and d.find_element(By.ID, "error"))
    check(error and f"prior.toml:{number}:" in error.text, f"no error naming line {number}")
    bad = driver.find_elements(By.CSS_SELECTOR, "#gutter .bad")
    check(len(bad) == 1 and bad[0].get_attribute("data-line") == str(number), "the gutter does not mark the line")
    check("stale" in driver.find_element(By.ID, "results").get_attribute("class"), "the last result is not greyed")

    # Fix it: the error goes.
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          editor, edited)
    check(wait_for(driver, lambda d: not d.find_element(By.ID, "error").is_displayed() and settled(d)),
          "fixing the line did not clear the error")
    if screenshot:
        driver.save_screenshot(screenshot)

    # The share link, in a fresh page, reproduces the numbers exactly.
    before = page_numbers(driver)
    driver.find_element(By.ID, "share").click()
    link = wait_for(driver, lambda d: d.find_element(By.ID, "copied").get_attribute("data-text"))
    check(link and "#prior=" in link, "no share link")
    driver.get("about:blank")
    driver.get(link)
    check(wait_for(driver, lambda d: settled(d) and page_numbers(d) == before),
          "the share link did not reproduce the numbers")

    # A title that is markup shows as text, and runs nothing.
    hostile = 'title = "<script>alert(1)</script><img src=x onerror=alert(2)>"\n[inputs]\nhorizon = "1 to 10"\n'
    editor = driver.find_element(By.ID, "prior")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          editor, hostile)
    title = wait_for(driver, lambda d: "script" in d.find_element(By.ID, "title").text and d.find_element(By.ID, "title"))
    check(title and title.text == "<script>alert(1)</script><img src=x onerror=alert(2)>", "the title is not shown as text")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#title script, #title img, #plot script")) == 0,
          "the title became markup")
    try:
        driver.switch_to.alert
        check(False, "an alert ran")
    except NoAlertPresentException:
        pass


if __name__ == "__main__":
    main()
    if failures:
        sys.exit(1)
    print("playground: every check passed")
