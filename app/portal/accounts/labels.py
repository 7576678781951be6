"""Texts the account services raise in Chinese and the pages show through ``_()``: listed so that
``pybabel extract`` puts them in the catalogue (see app/web/labels.py)."""
from flask_babel import lazy_gettext as _l

RUNTIME_LABELS = (
    _l("请选择个人或企业"), _l("请填写姓名"), _l("请填写企业名称"), _l("名称过长"), _l("请填写联系人姓名"),
    _l("请输入11位手机号或带区号的固定电话"), _l("密码至少8位，须同时包含字母和数字"), _l("两次输入的密码不一致"),
    _l("该证件号码已注册，请直接登录"), _l("请检查填写的信息"),
    _l("统一身份认证未提供有效的身份证号码或统一社会信用代码"), _l("统一身份认证返回的证件号码与已关联的账号不一致，请联系平台客服"),
    _l("该账号已停用"), _l("统一身份认证未完成，请重新登录"), _l("统一身份认证暂不可用，请稍后再试或使用密码登录"),
    # app.applicants.identity
    _l("请填写身份证号码"), _l("身份证号码应为18位"), _l("身份证号码前17位应为数字，最后一位应为数字或X"),
    _l("身份证号码的地区码无效"), _l("身份证号码中的出生日期无效"), _l("身份证号码中的出生日期不能晚于今天"),
    _l("身份证号码校验位错误"), _l("请填写统一社会信用代码"), _l("统一社会信用代码应为18位"),
    _l("统一社会信用代码含有无效字符（不使用I、O、Z、S、V）"), _l("统一社会信用代码的行政区划码无效"),
    _l("统一社会信用代码校验位错误"),
    # application states (app.applications.models.APPLICATION_STATES) and case statuses not listed elsewhere
    _l("待预审"), _l("待补正"), _l("预审通过（已受理）"), _l("预审不通过"), _l("不予受理"), _l("已终止"),
)
