"""The designer's workbench in a real browser: a designer adds a user task to the standard process, sets its
step, candidate group and limit in the 审批属性 panel, saves the draft, reloads and finds it, dry-runs a case
through it and submits; a reviewer of the 行政审批 office approves and the version deploys."""
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


def test_a_designer_adds_a_step_dry_runs_it_and_a_reviewer_deploys_it(page, app):
    before, _xml, _by = _latest(app)
    log_in(page, "designer")
    page.get_by_test_id(f"open-standard_approval-v{before}").click()
    page.wait_for_selector("#canvas[data-loaded=true]")
    assert page.locator(".djs-palette [title='创建任务']").count() == 1  # the modeler speaks Chinese
    assert f"v{before}" in page.get_by_test_id("modeler-title").inner_text()

    # drop a new task on the flow from 审核 to its gateway, then make it a user task
    page.evaluate("processModeler.get('canvas').zoom(1.2, {x: 1030, y: 560})")
    page.locator(".djs-palette [title='创建任务']").click()
    x, y = _centre_of(page, "Flow_Reviewed")
    page.mouse.move(x - 5, y)
    page.mouse.click(x, y)
    new_id = page.evaluate("""() => {
        const selected = processModeler.get('selection').get();
        return selected.length === 1 ? selected[0].id : null;
    }""")
    assert new_id and new_id.startswith("Activity_")
    page.locator(".djs-context-pad [title='更改类型'], .djs-context-pad [title='更改元素']").first.click()
    page.locator(".djs-popup [title='用户任务'], .djs-popup-entry:has-text('用户任务')").first.click()
    page.wait_for_selector(".bio-properties-panel-group-header-title:text('审批属性')")
    screenshot(page, "designer-new-task-panel")
    raise SystemExit("explore")
