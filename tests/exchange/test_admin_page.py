"""The 互联互通 admin page, reached from 机构管理: adding a webhook subscriber (its secret shown once) and a
department system, in Chinese and in English; other roles may not open it."""
from tests.web.conftest import Browser


def test_the_administrator_configures_subscribers_and_department_systems_on_the_page(app, admin_pages,
                                                                                     monkeypatch):
    index = admin_pages.get("/admin").get_data(as_text=True)
    assert 'href="/admin/exchange"' in index
    page = admin_pages.get("/admin/exchange")
    assert page.status_code == 200 and "还没有订阅方" in page.get_data(as_text=True)

    refused = admin_pages.post("/admin/exchange/subscribers", {"name": "省平台", "kind": "webhook",
                                                                "url": "ftp://example.gov.cn/in"})
    assert refused.status_code == 422 and "回调地址须为 https:// 地址" in refused.get_data(as_text=True)
    monkeypatch.setitem(app.config, "EXCHANGE_ALLOW_HTTP_WEBHOOKS", False)
    plain = admin_pages.post("/admin/exchange/subscribers", {"name": "省平台", "kind": "webhook",
                                                             "url": "http://zwfw.example.gov.cn/in"})
    assert plain.status_code == 422  # a webhook carries personal data: TLS unless the setting says otherwise
    added = admin_pages.post("/admin/exchange/subscribers", {
        "name": "省政务服务平台", "kind": "webhook", "url": "https://zwfw.example.gov.cn/hooks/cases",
        "personal_data": "masked", "topics": "case., licence."})
    html = added.get_data(as_text=True)
    assert added.status_code == 200 and 'data-testid="secret-notice"' in html and "省政务服务平台" in html
    assert admin_pages.get("/admin/exchange").get_data(as_text=True).count('data-testid="secret-notice"') == 0

    [row] = [line for line in html.splitlines() if 'action="/admin/exchange/subscribers/' in line and "/active" in line]
    paused = admin_pages.post(row.split('action="', 1)[1].split('"', 1)[0])
    assert paused.status_code == 302
    assert "已停用" in admin_pages.get("/admin/exchange").get_data(as_text=True)

    client = admin_pages.post("/admin/exchange/clients", {
        "client_id": "scjgj-approval", "name": "市场监管局审批系统", "department_code": "SCJGJ",
        "scopes": ["cases:read", "tasks:complete"], "personal_data": "masked"})
    assert client.status_code == 200 and "客户端密钥（仅显示一次）" in client.get_data(as_text=True)
    assert "市场监管局审批系统" in client.get_data(as_text=True)

    admin_pages.get("/lang/en?next=/admin/exchange")
    english = admin_pages.get("/admin/exchange").get_data(as_text=True)
    assert "Interconnection" in english and "Department systems" in english and "Retry dead letters" in english


def test_only_the_administrator_opens_the_exchange_page(app, db):
    approver = Browser(app.test_client())
    approver.login("scjgj_approver")
    assert approver.get("/admin/exchange").status_code == 403
