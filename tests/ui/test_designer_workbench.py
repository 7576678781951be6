"""The designer's workbench in a real browser: a designer adds a user task to the standard process, sets its
step, candidate group and limit in the 审批属性 panel, saves the draft, reloads and finds it, dry-runs a case
through it and submits; a reviewer of the 行政审批 office approves and the version deploys; a case waiting on
the old version is migrated to it."""
from tests.support import FOOD_LICENCE

import sqlalchemy as sa

from .conftest import log_in, screenshot


def _latest(app, process_key="standard_approval"):
    from app.extensions import db
    from app.workflow import ProcessDefinition

    with app.app_context():
        row = db.session.execute(
            sa.select(ProcessDefinition.version, ProcessDefinition.bpmn_xml, ProcessDefinition.deployed_by)
            .where(ProcessDefinition.process_key == process_key).order_by(ProcessDefinition.version.desc())
        ).first()
        db.session.remove()
        return row


def _centre_of(page, element_id):
    box = page.locator(f".djs-element[data-element-id={element_id}]").first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_a_designer_adds_a_step_dry_runs_it_and_a_reviewer_deploys_it(page, app, api):
    running = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    before, _xml, _by = _latest(app)
    console = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, "designer")
    page.get_by_test_id(f"open-standard_approval-v{before}").click()
    page.wait_for_selector("#canvas[data-loaded=true]")
    create_task = page.locator(".djs-palette [data-action='create.task']")
    assert create_task.get_attribute("aria-label") == "创建任务"  # the modeler speaks Chinese
    assert f"v{before}" in page.get_by_test_id("modeler-title").inner_text()

    # drop a new task on the flow from 审核 to its gateway, then make it a user task
    page.evaluate("""() => {  // zoom in on 审核 as a designer would with the mouse wheel
        const canvas = processModeler.get('canvas'), outer = canvas.viewbox().outer, scale = 1.5;
        const width = outer.width / scale, height = outer.height / scale;
        canvas.viewbox({x: 1030 - width / 2, y: 560 - height / 2, width, height});
    }""")
    create_task.click()
    x, y = _centre_of(page, "Flow_Reviewed")
    page.mouse.move(x - 5, y)
    page.mouse.click(x, y)
    new_id = page.evaluate("""() => {
        const selected = processModeler.get('selection').get();
        return selected.length === 1 ? selected[0].id : null;
    }""")
    assert new_id and new_id.startswith("Activity_")
    page.locator(".djs-context-pad [data-action='replace']").click()
    page.locator(".djs-popup [data-id='replace-with-user-task']").click()
    panel = page.get_by_test_id("properties")
    panel.locator(".bio-properties-panel-group-header", has_text="常规").click()
    panel.get_by_label("名称", exact=True).fill("复核")
    panel.locator(".bio-properties-panel-group-header", has_text="审批属性").click()
    panel.get_by_label("环节", exact=True).fill("double_check")
    panel.get_by_label("办理部门/岗位").select_option(label="办件主办部门·审批")
    panel.get_by_label("表单", exact=True).select_option(label="审批")
    panel.get_by_label("环节时限（工作日）").fill("1")
    panel.get_by_label("可作出的决定").fill("approve,reject")
    page.get_by_test_id("draft-note").fill("审核后增加复核环节")
    screenshot(page, "designer-new-task-panel")
    page.get_by_test_id("save-draft").click()
    page.wait_for_selector("#canvas[data-dirty=false][data-draft-id]")
    assert "草稿已保存" in page.get_by_test_id("modeler-status").inner_text()

    page.reload()
    page.wait_for_selector("#canvas[data-loaded=true]")
    assert page.get_by_test_id("draft-badge").inner_text() == "草稿"
    found = page.evaluate(f"""() => {{
        const bo = processModeler.get('elementRegistry').get('{new_id}').businessObject;
        return [bo.$type, bo.name, bo.get('camunda:candidateGroups'), bo.get('camunda:formKey')];
    }}""")
    assert found == ["bpmn:UserTask", "复核", "${department}:approver", "approval"]

    page.get_by_test_id("dry-run").click()
    page.wait_for_selector("#canvas[data-dry-run=completed]")
    assert new_id in page.locator("#canvas").get_attribute("data-dry-path").split(",")
    step = page.locator(f"#dry-result li[data-element-id={new_id}]")
    assert "SCJGJ:approver" in step.inner_text() and "时限至" in step.inner_text()
    assert page.locator(f".djs-element.dry-path[data-element-id={new_id}]").count() == 1
    screenshot(page, "designer-dry-run")
    page.get_by_test_id("submit").click()
    page.wait_for_selector("#canvas[data-draft-status=in_review]")
    assert page.get_by_test_id("draft-badge").inner_text() == "审核中"
    assert not page.js_errors

    page.context.clear_cookies()
    log_in(page, "xzspj_approver")
    page.goto("/designer/reviews")
    page.get_by_test_id("review-standard_approval").click()
    page.wait_for_selector("#diff-new[data-loaded=true]")
    assert page.locator(f".djs-element.diff-added[data-element-id={new_id}]").count() == 1
    assert "审核后增加复核环节" in page.locator("dl.facts").inner_text()
    page.get_by_test_id("review-note").fill("同意增加复核")
    screenshot(page, "designer-review")
    page.get_by_test_id("approve").click()
    page.wait_for_selector("#review-actions[data-deployed]")
    assert page.locator("#review-actions").get_attribute("data-deployed") == str(before + 1)
    after, xml, deployed_by = _latest(app)
    assert after == before + 1 and f'id="{new_id}"' in xml and deployed_by == "designer"

    page.context.clear_cookies()
    log_in(page, "designer")
    page.get_by_test_id(f"open-standard_approval-v{after}").click()
    page.wait_for_selector("#canvas[data-loaded=true]")
    assert f"v{after}" in page.get_by_test_id("modeler-title").inner_text()

    page.goto("/designer/standard_approval/history")
    page.get_by_test_id("migrate-from").select_option(str(before))
    page.get_by_test_id("migrate-to").select_option(str(after))
    page.get_by_test_id("migration-report").click()
    page.wait_for_selector(f"#migration-result li[data-case-no='{running}']:has-text('可迁移')")
    page.get_by_test_id("migrate").click()
    page.wait_for_selector(f"#migration-result li[data-case-no='{running}']:has-text('已迁移')")
    screenshot(page, "designer-migration")
    history = api.as_user("scjgj_handler").case(running)["history"]
    assert any(e["action"] == "case.migrated" for e in history)
    api.as_user("scjgj_handler").decide(running)
    api.as_user("scjgj_reviewer").decide(running)
    assert api.as_user("scjgj_approver").task_for(running)["name"] == "复核"  # the migrated case takes the new step
    assert not page.js_errors
    assert not [text for text in console if "unsupported configuration" in text]
