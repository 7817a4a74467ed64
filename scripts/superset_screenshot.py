"""Screenshots of the imported Superset dashboard with headless Chromium (used by superset-check.sh).

Runs with the Superset venv's Python (it has selenium) and Debian's chromium + chromium-driver:

    python scripts/superset_screenshot.py --url http://127.0.0.1:PORT --user admin --password … \
        --out docs/bi/

Logs in through Superset's login form, opens the dashboard by its slug, waits until every chart has
rendered and writes superset-dashboard.png (the whole dashboard) and superset-sqllab.png (SQL Lab
with a docs query). Not part of the jixiao package.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import urllib.parse
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--lang=zh-CN",
)


def browser(user_data_dir: str, width: int, height: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data_dir}")
    options.add_argument(f"--window-size={width},{height}")
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def login(driver: webdriver.Chrome, url: str, user: str, password: str) -> None:
    driver.get(f"{url}/login/")
    wait = WebDriverWait(driver, 60)
    name = wait.until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "input#username, input[name=username]"))
    )
    name.send_keys(user)
    secret = driver.find_element(By.CSS_SELECTOR, "input#password, input[name=password]")
    secret.send_keys(password)
    secret.send_keys(Keys.ENTER)
    wait.until(lambda d: "/login" not in d.current_url)


def charts_settled(driver: webdriver.Chrome, expected: int) -> bool:
    return bool(
        driver.execute_script(
            """
            const holders = document.querySelectorAll('.dashboard-component-chart-holder');
            const loading = document.querySelectorAll('.loading, [data-test="loading-indicator"]');
            const errors = document.querySelectorAll('[data-test="error-message"], .alert-danger');
            return holders.length >= arguments[0] && loading.length === 0 && errors.length === 0;
            """,
            expected,
        )
    )


def dashboard(driver: webdriver.Chrome, url: str, slug: str, charts: int, out: Path, width: int) -> None:
    driver.get(f"{url}/superset/dashboard/{slug}/?standalone=1")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not charts_settled(driver, charts):
        time.sleep(1)
    if not charts_settled(driver, charts):
        errors = driver.execute_script(
            "return [...document.querySelectorAll('[data-test=\"error-message\"], .alert-danger')]"
            ".map(e => e.innerText)"
        )
        raise SystemExit(f"superset_screenshot: the dashboard's charts did not all render: {errors}")
    # every chart lazy-loads when scrolled into view: scroll down once, then size the window to the page
    height = driver.execute_script("return document.body.scrollHeight")
    for y in range(0, height, 600):
        driver.execute_script("window.scrollTo(0, arguments[0])", y)
        time.sleep(0.3)
    driver.execute_script("window.scrollTo(0, 0)")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not charts_settled(driver, charts):
        time.sleep(1)
    time.sleep(3)  # let ECharts finish its animations
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(width, height + 40)
    time.sleep(2)
    driver.save_screenshot(str(out))


def sqllab(driver: webdriver.Chrome, url: str, database_id: int, sql: str, out: Path) -> None:
    """Open a SQL Lab tab with ``sql`` on the database (URL parameters dbid/sql), run it, wait for rows."""
    query = urllib.parse.urlencode(
        {"dbid": database_id, "schema": "main", "sql": sql, "name": "部门年度概览"}
    )
    driver.get(f"{url}/sqllab/?{query}")
    wait = WebDriverWait(driver, 60)
    wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-test=run-query-action]"))).click()
    wait.until(lambda d: d.execute_script("return /\\d+ (行|rows?)/.test(document.body.innerText)"))
    ActionChains(driver).move_by_offset(5, 5).perform()  # move the pointer off the button's tooltip
    time.sleep(2)
    driver.save_screenshot(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--slug", default="jixiao-overview")
    parser.add_argument("--charts", type=int, default=1, help="chart holders to wait for")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--database-id", type=int, default=1, help="id of the jixiao database in Superset")
    parser.add_argument(
        "--sql", default="select * from v_department_year order by department_name, fiscal_year"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    width = 1600
    with tempfile.TemporaryDirectory(prefix="superset-chromium-") as profile:
        driver = browser(profile, width, 1000)
        try:
            login(driver, args.url, args.user, args.password)
            dashboard(driver, args.url, args.slug, args.charts, args.out / "superset-dashboard.png", width)
            driver.set_window_size(width, 900)
            sqllab(driver, args.url, args.database_id, args.sql, args.out / "superset-sqllab.png")
        finally:
            driver.quit()
    print(f"superset_screenshot: wrote {args.out / 'superset-dashboard.png'} and superset-sqllab.png")


if __name__ == "__main__":
    main()
