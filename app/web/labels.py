"""Labels that other packages define in Chinese (statuses, roles, event names, error texts) and the pages show
through ``_()`` at run time. The API keeps answering them in Chinese; the pages translate them.

:data:`PAGE_LABELS` names every such dict a page renders; :data:`RUNTIME_LABELS` lists their values once more
as literals only so that ``pybabel extract`` puts them in the catalogue. tests/web/test_runtime_labels.py
checks that every value of every dict in :data:`PAGE_LABELS` is listed here and translated, so a label added
to one of those dicts later fails the tests until it is added below and translated."""
from flask_babel import lazy_gettext as _l

from app.accounts.models import ROLES
from app.admin.models import AUDIT_ACTIONS, AUDIT_ENTITIES
from app.applications.models import APPLICATION_STATES
from app.catalogue.models import ITEM_STATUSES
from app.cases.events import EVENT_LABELS
from app.cases.models import APPLICANT_KINDS, CASE_RESULTS, CASE_STATUSES, ISSUE_METHODS
from app.clock.models import EXTENSION_REQUEST_STATES, PAUSE_KINDS
from app.clock.pauses import CLOCK_STATES
from app.decisions.models import DECISION_STATUSES
from app.errors import DEFAULT_MESSAGES
from app.files.models import FILE_STAGES
from app.licences.models import LICENCE_STATUSES
from app.notifications.models import NOTIFICATION_KINDS
from app.network.models import CENTRE_KINDS, REGION_LEVELS, REVIEW_AUTHORITIES, TONGBAN_SCOPES
from app.supervision.models import APPEAL_DECISIONS, CARD_STATUSES
from app.supervision.rules import LEVEL_LABELS
from app.cases.search import SORT_LABELS as CASE_SORTS
from app.tasks.inbox import COLOUR_LABELS
from app.tasks.inbox import SORT_LABELS as TASK_SORTS
from app.tasks.services import DECISION_LABELS
from app.themes.models import CHILD_STATES, THEME_CASE_STATUSES

#: decisions of the window (受理审查) as the case history shows them
ACCEPTANCE_DECISIONS = {"accept": "受理", "supplement": "补正", "refuse": "不予受理"}

#: a case's result as its badge in a list shows it next to the status (the bare "不予许可" is also a decision
#: button, "Refuse" in English: "Awaiting issue · Refuse" read as an order)
RESULT_BADGES = {"approved": "结果：准予许可", "refused": "结果：不予许可"}

#: the inbox colours and 办件查询's sort orders (app.tasks.inbox, app.cases.search)
LIST_LABELS = {**COLOUR_LABELS, **{f"case:{k}": v for k, v in CASE_SORTS.items()},
               **{f"task:{k}": v for k, v in TASK_SORTS.items()}}

#: every dict of Chinese labels that a page shows through ``_()`` (by the name the code knows it by)
PAGE_LABELS = {
    "ROLES": ROLES, "CASE_STATUSES": CASE_STATUSES, "CASE_RESULTS": CASE_RESULTS,
    "APPLICANT_KINDS": APPLICANT_KINDS, "ISSUE_METHODS": ISSUE_METHODS, "EVENT_LABELS": EVENT_LABELS,
    "ACCEPTANCE_DECISIONS": ACCEPTANCE_DECISIONS, "DECISION_LABELS": DECISION_LABELS,
    "FILE_STAGES": FILE_STAGES,
    "ITEM_STATUSES": ITEM_STATUSES, "APPLICATION_STATES": APPLICATION_STATES, "REGION_LEVELS": REGION_LEVELS,
    "CENTRE_KINDS": CENTRE_KINDS, "REVIEW_AUTHORITIES": REVIEW_AUTHORITIES, "TONGBAN_SCOPES": TONGBAN_SCOPES,
    "LEVEL_LABELS": LEVEL_LABELS, "CARD_STATUSES": CARD_STATUSES, "APPEAL_DECISIONS": APPEAL_DECISIONS,
    "DEFAULT_MESSAGES": DEFAULT_MESSAGES, "DECISION_STATUSES": DECISION_STATUSES,
    "PAUSE_KINDS": PAUSE_KINDS, "CLOCK_STATES": CLOCK_STATES, "NOTIFICATION_KINDS": NOTIFICATION_KINDS,
    "EXTENSION_REQUEST_STATES": EXTENSION_REQUEST_STATES,
    "LICENCE_STATUSES": LICENCE_STATUSES, "AUDIT_ACTIONS": AUDIT_ACTIONS, "AUDIT_ENTITIES": AUDIT_ENTITIES,
    "THEME_CASE_STATUSES": THEME_CASE_STATUSES, "CHILD_STATES": CHILD_STATES,
    "RESULT_BADGES": RESULT_BADGES, "LIST_LABELS": LIST_LABELS,
}

RUNTIME_LABELS = (
    # roles (app.accounts.models.ROLES)
    _l("综合窗口受理人员"), _l("承办人"), _l("审核人"), _l("审批人（首席代表）"), _l("部门负责人"),
    _l("电子监察人员"), _l("流程设计人员"), _l("系统管理员"), _l("代办员"),
    # the service network (app.network.models): region levels, centre kinds, review authorities, 通办 scopes
    _l("省"), _l("市"), _l("区县"), _l("街道（乡镇）"), _l("社区（村）"), _l("市政务服务中心"), _l("区县政务服务中心"),
    _l("分中心"), _l("为民服务中心"), _l("便民服务站"), _l("行政审批局"), _l("司法局"), _l("财政局"),
    _l("人力资源和社会保障局"), _l("全城通办"), _l("省内通办"), _l("跨省通办"),
    # case events (app.cases.events.EVENT_LABELS)
    _l("收件"), _l("受理"), _l("补正一次告知"), _l("补正材料接收"), _l("不予受理"), _l("出具通知书"), _l("出具决定书"),
    _l("电子证照签章"), _l("材料移交"), _l("材料签收"), _l("网上申报预审通过"), _l("上传材料文件"),
    _l("网上提交材料入卷"), _l("材料复用"), _l("代办员交付申请人"), _l("纳入全程代办项目"), _l("办理"), _l("退回"),
    _l("转办"), _l("撤回"), _l("委派"), _l("委派回复"), _l("加签"), _l("加签签署"), _l("催办"), _l("挂起"), _l("激活"),
    _l("终止"), _l("作出决定"), _l("出件"), _l("寄递状态"), _l("证照撤销"), _l("证照注销"), _l("评价"), _l("差评整改"),
    _l("评价申诉"), _l("评价申诉复核"), _l("差评整改复核"), _l("办结"), _l("环节超期"), _l("超时自动退回窗口"), _l("督办签收"),
    _l("暂停计时"), _l("恢复计时"), _l("延长审批"), _l("电子监察发牌"), _l("监察牌申诉"), _l("申诉处理"),
    _l("外部系统查阅"),
    # applicants, results, statuses, issue methods, decisions (app.cases.models, app.tasks.services)
    _l("自然人"), _l("法人或其他组织"), _l("准予许可"), _l("不予许可"), _l("补正中"), _l("办理中"), _l("待出件"),
    _l("已办结"), _l("已终止"), _l("窗口领取"), _l("邮寄送达"), _l("代办员代领"), _l("网上送达"), _l("通过"),
    _l("补正"), _l("重新转办"),
    # how a file came to the case (app.files.models.FILE_STAGES)
    _l("窗口扫描"), _l("网上提交"), _l("补正提交"), _l("后台附件"),
    # item versions (app.catalogue.models.ITEM_STATUSES), online applications (app.applications.models)
    _l("草稿"), _l("待审核"), _l("已发布"), _l("已停用"), _l("待预审"), _l("待补正"), _l("预审通过（已受理）"),
    _l("预审不通过"),
    # decision-table versions (app.decisions.models.DECISION_STATUSES)
    _l("已部署"), _l("已被替代"),
    # 撤件 (app.cases.models, app.cases.events)
    _l("已撤件"), _l("申请人撤件"),
    # supervision (app.supervision)
    _l("正常"), _l("预警"), _l("黄牌"), _l("红牌"), _l("已发牌"), _l("申诉中"), _l("已撤销"), _l("已督办"),
    _l("维持"), _l("撤销"), _l("维持并督办"),
    # e-licences (app.licences.models), the admin audit log (app.admin.models)
    _l("有效"), _l("已注销"), _l("已过期"), _l("新增"), _l("修改"), _l("删除"), _l("重置密码"), _l("区划"),
    _l("服务中心"), _l("部门"), _l("窗口"), _l("板块"), _l("窗口类型"), _l("工作人员"), _l("工作日历"),
    # 一件事 (app.themes.models): theme case statuses and the states of its member items
    _l("一件事并联办理"), _l("待牵头部门决定"), _l("待统一出件"), _l("等待前置事项结果"), _l("不适用（情形）"), _l("不再办理"),
    # HTTP errors (app.errors.DEFAULT_MESSAGES)
    _l("请求格式错误"), _l("未登录或令牌无效"), _l("无权执行此操作"), _l("资源不存在"), _l("不支持的请求方法"),
    _l("请求内容类型不支持，请使用 application/json"), _l("当前状态不允许此操作"), _l("请求内容过大"),
    _l("请求数据校验失败"), _l("请求过于频繁，请稍后再试"), _l("服务器内部错误"), _l("错误"),
    # the case clock and its special procedures (app.clock), notifications (app.notifications.models)
    _l("受理后补正"), _l("听证"), _l("检验检测检疫"), _l("鉴定"), _l("专家评审"), _l("公示"), _l("现场勘验"), _l("招标拍卖"),
    _l("其他特别程序"), _l("未开始计时"), _l("计时中"), _l("已停止计时"), _l("环节超期督办"), _l("超时自动退回"),
    _l("即将到期提醒"), _l("差评回访整改"), _l("差评申诉复核"), _l("申请延长审批"), _l("不批准延长审批"),
    _l("延长审批申请"), _l("待批准"), _l("已批准"), _l("不予批准"), _l("补正材料已提交"),
    # list pages (app.web.labels.RESULT_BADGES, app.tasks.inbox, app.cases.search), 签收 (app.cases.events)
    _l("结果：准予许可"), _l("结果：不予许可"), _l("红"), _l("黄"), _l("绿"), _l("暂停"), _l("未计时"),
    _l("收件时间（新→旧）"), _l("收件时间（旧→新）"), _l("承诺期限（近→远）"), _l("承诺期限（远→近）"), _l("状态"),
    _l("到达时间（早→晚）"), _l("到达时间（晚→早）"), _l("紧急程度"), _l("签收任务"),
    # filter problems of the list pages (app.cases.search.CaseSearchSchema, app.tasks.inbox.InboxSchema)
    _l("请输入证件号码或手机号码的后4位"), _l("未知的办件状态"), _l("未知的监察等级"), _l("日期格式应为 YYYY-MM-DD"),
    _l("未知的排序"), _l("页码无效"), _l("每页条数无效"), _l("未知的颜色"),
)
