#!/usr/bin/env python3
"""The web portal in a real browser (issue 14): Debian's chromium driven by chromium-driver
through python3-selenium, against `fieldqc-office serve` over HTTPS (a certificate made
here) on the office portal_fixture builds.

  coordinator: logs in, filters the dashboard by factory and by light, opens a red order,
               asks the buyer to approve its sample (with a deadline);
  buyer:       logs in, sees only their company's orders, gets 404 for another company's
               order, approves the sample with a comment, opens the visit report and a photo
               at full size, downloads the PDF (page numbers: pdftotext);
  Chinese:     on the login page the buyer picks 中文; the login form, dashboard, order
               page and visit report are Chinese (<html lang="zh-CN">), the inspector's
               Chinese note and the Chinese factory names as written; the PDF's text is
               Chinese (pdftotext: a CJK font embedded); English again by its link;
  the tablet:  the next tether (`fieldqc-office sync`) brings the approval to tablet A; the
               real fieldqc app reads its inbox and its Order screen shows the approval
               (screens script, screenshot), no more "no written approval".

Screenshots of the dashboard, order page and report at desktop (1280) and phone (390) width
go to OUT/shots/. Exit 77 (skipped) when chromium, chromium-driver or python3-selenium is
missing, unless CI=true, where that is a failure.

usage: portal_browser.py FIELDQC_OFFICE FIELDQC PORTAL_FIXTURE SOURCE_DIR OUT
"""
import json
import os
import shutil
import ssl
import subprocess
import sys
import time
import urllib.request

SKIP = 77


def need(what):
    if os.environ.get("CI") == "true":
        print(f"FAIL: {what} is missing (CI must run the browser tests)")
        sys.exit(1)
    print(f"SKIP: {what} is not installed")
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    need("python3-selenium")

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not CHROMIUM:
    need("chromium")
if not os.path.exists(DRIVER):
    need("chromium-driver")

OFFICE, FIELDQC, FIXTURE, SRC, OUT = sys.argv[1:6]
SHOTS = os.path.join(OUT, "shots")
DESKTOP = (1280, 900)
PHONE = (390, 844)


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def make_office():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(SHOTS)
    out = subprocess.run([FIXTURE, OUT, OFFICE], capture_output=True, text=True)
    if out.returncode:
        fail("portal_fixture: " + out.stdout + out.stderr)
    return dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)


def make_cert():
    cert, key = os.path.join(OUT, "cert.pem"), os.path.join(OUT, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


def start_server(db, cert, key):
    log = open(os.path.join(OUT, "serve.log"), "w")
    p = subprocess.Popen([OFFICE, "serve", "--db", db, "--listen", "127.0.0.1:0",
                          "--tls-cert", cert, "--tls-key", key], stdout=subprocess.PIPE,
                         stderr=log, text=True)
    line = p.stdout.readline()
    check("127.0.0.1:" in line, "serve did not start: " + line)
    port = int(line.split("127.0.0.1:")[1].split()[0])
    return p, f"https://127.0.0.1:{port}"


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ["--headless=new", "--ignore-certificate-errors", "--disable-gpu",
              "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
              f"--window-size={DESKTOP[0]},{DESKTOP[1]}"]:
        opts.add_argument(a)
    if os.geteuid() == 0:
        opts.add_argument("--no-sandbox")
    opts.add_argument("--user-data-dir=" + os.path.join(OUT, "chromium-profile"))
    return webdriver.Chrome(service=Service(DRIVER), options=opts)


def click_and_load(d, element):
    """Clicks what leads to another page and waits until that page has replaced this one."""
    old = d.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            # chromium may answer a node of the replaced page this way instead of "stale"
            # when the new page arrives mid-call (seen under ASan on a loaded machine)
            if "does not belong to the document" in str(e):
                return True
            raise

    WebDriverWait(d, 60).until(replaced)


def shot(d, name, size):
    """A full-page screenshot at a width: the window grows to the page's height."""
    d.set_window_size(size[0], size[1])
    d.execute_script("window.scrollTo(0, 0)")
    height = 0
    for _ in range(10):  # until the layout at this width has settled
        time.sleep(0.2)
        h = d.execute_script("return document.documentElement.scrollHeight")
        if h == height:
            break
        height = h
    d.set_window_size(size[0], min(max(height, size[1]), 6000))
    time.sleep(0.2)
    d.execute_script("window.scrollTo(0, 0)")
    path = os.path.join(SHOTS, name + ".png")
    d.save_screenshot(path)
    d.set_window_size(DESKTOP[0], DESKTOP[1])
    print("screenshot", path)


def login(d, base, name):
    d.get(base + "/login")
    d.find_element(By.NAME, "name").send_keys(name)
    d.find_element(By.NAME, "password").send_keys(name + "-portal-pw")
    click_and_load(d, d.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    check(d.current_url.endswith("/dashboard"), f"{name}: not on the dashboard: {d.current_url}")


def logout(d):
    click_and_load(d, d.find_element(By.CSS_SELECTOR, "header form button"))
    check(d.current_url.endswith("/login"), "logout")


def text(d):
    return d.find_element(By.TAG_NAME, "body").text


def rows(d):
    return [r.text for r in d.find_elements(By.CSS_SELECTOR, "table.orders tbody tr")]


def coordinator(d, base, f):
    login(d, base, "coord")
    r = rows(d)
    check(len(r) == 4, f"coordinator sees 4 orders, not {len(r)}")
    check("PO-24200" in r[0] and "RED" in r[0].upper(), "the red order first: " + r[0])
    check("production started without an approved sample" in r[0], "the gate's reason")
    check("1\nred" in text(d) or "1 red" in text(d), "counts per light")
    shot(d, "dashboard-desktop", DESKTOP)
    shot(d, "dashboard-phone", PHONE)
    # filter by factory, then by light
    Select(d.find_element(By.NAME, "factory")).select_by_visible_text("Xiamen Outdoor Works")
    click_and_load(d, d.find_element(By.CSS_SELECTOR, "form.filters button"))
    r = rows(d)
    check(len(r) == 1 and "PO-24217" in r[0], f"factory filter: {r}")
    click_and_load(d, d.find_element(By.LINK_TEXT, "Clear"))
    Select(d.find_element(By.NAME, "light")).select_by_visible_text("yellow")
    click_and_load(d, d.find_element(By.CSS_SELECTOR, "form.filters button"))
    r = rows(d)
    check(len(r) == 1 and "PO-24234" in r[0], f"light filter: {r} at {d.current_url}")
    check("light=yellow" in d.current_url, "the filter is in the URL")
    # the red order: ask the buyer for the sample's approval
    d.get(base + "/orders/" + f["order_a"])
    check("Order PO-24200" in text(d), "order page")
    d.find_element(By.CSS_SELECTOR, "details.ask summary").click()
    Select(d.find_element(By.NAME, "kind")).select_by_value("sample")
    d.find_element(By.NAME, "subject").send_keys("Pre-production sample v2 (blue glaze)")
    d.execute_script("arguments[0].value = '2030-01-15'", d.find_element(By.NAME, "due"))
    click_and_load(d, d.find_element(By.CSS_SELECTOR, "details.ask button"))
    check("decision due 2030-01-15" in text(d), "the request with its deadline")
    shot(d, "order-desktop", DESKTOP)
    shot(d, "order-phone", PHONE)
    logout(d)


def buyer(d, base, f):
    login(d, base, "anna")
    r = rows(d)
    check(len(r) == 2 and all("Northwind" in x for x in r), f"anna sees Northwind only: {r}")
    check("Waiting for a decision" in text(d), "pending approvals on the dashboard")
    # another company's order by URL: 404
    d.get(base + "/orders/" + f["order_b"])
    check("Not found" in text(d), "another company's order is not found")
    d.get(base + "/visits/" + f["visit_b"])
    check("Not found" in text(d), "another company's visit is not found")
    # approve the sample
    d.get(base + "/orders/" + f["order_a"])
    d.find_element(By.NAME, "comment").send_keys("Glaze matches Pantone 2935 C; go ahead")
    click_and_load(d, d.find_element(By.CSS_SELECTOR, "form.decide button.approve"))
    body = text(d)
    check("approved by anna" in body, "the decision on the order page")
    check("Approved by Anna Berg (buyer)" in body, "the sample milestone approved")
    check("Glaze matches Pantone 2935 C" in body, "the comment")
    shot(d, "order-approved-desktop", DESKTOP)
    # the visit report, a photo at full size
    d.get(base + "/visits/" + f["visit_a"])
    check("Report number" in text(d), "report page")
    shot(d, "report-desktop", DESKTOP)
    shot(d, "report-phone", PHONE)
    link = d.find_element(By.CSS_SELECTOR, "a.full")
    href = link.get_attribute("href")
    click_and_load(d, link)
    check(d.current_url == href and href.endswith(".jpg"), "the full-size photo opens")
    w = d.execute_script("var i = document.images[0]; return i ? i.naturalWidth : 0")
    check(w > 1000, f"the photo is full size ({w} px wide)")
    shot(d, "photo-full", DESKTOP)
    # the PDF with the session's cookie
    d.get(base + "/visits/" + f["visit_a"])
    cookie = d.get_cookie("fq_session")
    check(cookie and cookie.get("httpOnly") and cookie.get("secure"), f"cookie flags: {cookie}")
    check(cookie.get("sameSite") == "Strict", f"SameSite: {cookie}")
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    req = urllib.request.Request(base + f"/visits/{f['visit_a']}/report.pdf",
                                 headers={"Cookie": "fq_session=" + cookie["value"]})
    pdf = urllib.request.urlopen(req, context=ctx, timeout=120).read()
    check(pdf.startswith(b"%PDF-"), "a PDF")
    path = os.path.join(OUT, "report.pdf")
    with open(path, "wb") as out:
        out.write(pdf)
    if shutil.which("pdftotext"):
        t = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                           text=True).stdout
        check("Page 1 of " in t, "page numbers in the PDF")
        check("Inspection report FQ-" in t, "the report number in the footer")
    logout(d)


def pdf_text(base, cookies, visit, name):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    req = urllib.request.Request(base + f"/visits/{visit}/report.pdf",
                                 headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    pdf = urllib.request.urlopen(req, context=ctx, timeout=120).read()
    check(pdf.startswith(b"%PDF-"), "a PDF")
    path = os.path.join(OUT, name)
    with open(path, "wb") as out:
        out.write(pdf)
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          text=True).stdout


def chinese(d, base, f):
    """The buyer picks Chinese on the login page; every page follows; English again."""
    d.get(base + "/login")
    check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "English first")
    click_and_load(d, d.find_element(By.ID, "lang-zh_CN"))
    check(d.current_url.endswith("/login"), "back on the login page: " + d.current_url)
    check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN", "lang zh-CN")
    check("登录" in text(d) and "订单、验货报告与审批" in text(d), "the login page in Chinese")
    shot(d, "login-zh", PHONE)
    login(d, base, "anna")
    body = text(d)
    check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN", "dashboard zh-CN")
    check("订单" in body and "信号灯与原因" in body, "the dashboard in Chinese")
    check("宁波明亮家居用品 Plant 2" in body, "the factory's name as written")
    check("Light and reasons" not in body, "no English heading left")
    shot(d, "dashboard-zh-desktop", DESKTOP)
    d.get(base + "/orders/" + f["order_a"])
    check("里程碑" in text(d), "the order page in Chinese")
    d.get(base + "/visits/" + f["visit_a"])
    body = text(d)
    check("报告编号" in body and "签核" in body, "the report in Chinese")
    check("纸箱破损 3 箱，釉面滴落已拍照。<b>&</b>" in body, "the note as typed, as text")
    shot(d, "report-zh-desktop", DESKTOP)
    cookies = {"fq_session": d.get_cookie("fq_session")["value"],
               "fq_lang": d.get_cookie("fq_lang")["value"]}
    check(cookies["fq_lang"] == "zh_CN", "the fq_lang cookie")
    if shutil.which("pdftotext"):
        t = pdf_text(base, cookies, f["visit_a"], "report-zh.pdf")
        check("纸箱破损" in t and "宁波明亮家居用品" in t, "the Chinese words in the PDF's text")
        check("验货报告 FQ-" in t and "第 1 页" in t, "the Chinese footer: " + t[-300:])
    # English again, on the same page
    click_and_load(d, d.find_element(By.ID, "lang-en"))
    check(d.current_url.endswith("/visits/" + f["visit_a"]), "back on the report")
    check("Report number" in text(d), "English again")
    logout(d)


def tablet(f):
    """The next tether, then the real app on tablet A: its inbox, its Order screen."""
    db = f["db"]
    r = subprocess.run([OFFICE, "sync", "--db", db, f["tablet_a_sync"]], capture_output=True,
                       text=True)
    check(r.returncode == 0, "tether: " + r.stdout + r.stderr)
    script = os.path.join(SRC, "tests", "browser", "tablet_approval.script")
    r = subprocess.run([FIELDQC, "--db", f["tablet_a_db"], "--sync", f["tablet_a_sync"],
                        "--size", "800x480", "--script", script, "--screenshot", SHOTS,
                        "--exit-after-script"], capture_output=True, text=True,
                       env=dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy"))
    with open(os.path.join(OUT, "tablet.log"), "w") as log:
        log.write(r.stdout + r.stderr)
    check(r.returncode == 0, "the tablet's script: " + r.stdout[-2000:] + r.stderr[-2000:])


def main():
    f = make_office()
    cert, key = make_cert()
    server, base = start_server(f["db"], cert, key)
    d = None
    try:
        d = browser()
        d.get(base + "/dashboard")
        check(d.current_url.endswith("/login"), "pages need a login")
        coordinator(d, base, f)
        buyer(d, base, f)
        chinese(d, base, f)
    finally:
        if d:
            d.quit()
        server.terminate()
        server.wait(timeout=30)
    tablet(f)
    print("OK: browser tests passed; screenshots in", SHOTS)


if __name__ == "__main__":
    main()
