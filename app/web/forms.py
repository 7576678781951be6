"""WTForms forms of the pages (CSRF token included). Business validation stays in the services and the
API's marshmallow schemas; these forms only shape the input."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

try:  # WTForms >= 3.3 declares options as SelectChoice (tuples are deprecated there)
    from wtforms.fields.choices import SelectChoice
except ImportError:  # older WTForms: plain (value, label) tuples
    def SelectChoice(value, label):  # noqa: N802
        return (value, label)


def _choices(*pairs):
    return [SelectChoice(value, label) for value, label in pairs]


DECISIONS = _choices(("accept", _l("受理")), ("supplement", _l("补正（一次告知）")), ("refuse", _l("不予受理")))
ISSUE_METHODS = _choices(("window", _l("窗口领取")), ("post", _l("邮寄送达")), ("agent", _l("代办员代领")))
AGENT_KINDS = _choices(("", _l("无（申请人本人办理）")), ("station", _l("村（社区）代办员")), ("enterprise", _l("企业代办人")))


class LoginForm(FlaskForm):
    username = StringField(_l("用户名"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("密码"), validators=[DataRequired(), Length(max=200)])


class PostForm(FlaskForm):
    """A form with nothing but its CSRF token (log out, buttons)."""


class AcceptanceForm(FlaskForm):
    applicant_kind = SelectField(_l("申请人类型"), choices=_choices(
        ("person", _l("自然人（身份证号）")), ("organisation", _l("法人或其他组织（统一社会信用代码）"))))
    applicant_name = StringField(_l("申请人名称"), validators=[DataRequired(), Length(max=200)])
    id_number = StringField(_l("证件号码"), validators=[DataRequired(), Length(max=30)])
    phone = StringField(_l("联系电话"), validators=[DataRequired(), Length(max=20)])
    decision = RadioField(_l("受理决定"), choices=DECISIONS, default="accept")
    reason = TextAreaField(_l("理由 / 补正说明"), validators=[Optional(), Length(max=2000)])
    agent_kind = SelectField(_l("代办"), choices=AGENT_KINDS, default="")
    agent_username = StringField(_l("代办员账号"), validators=[Optional(), Length(max=80)])
    agent_name = StringField(_l("企业代办人姓名"), validators=[Optional(), Length(max=100)])
    agent_id_number = StringField(_l("企业代办人身份证号"), validators=[Optional(), Length(max=30)])


class ApplyForm(FlaskForm):
    """网上申报 (public): the applicant; the application form's answers come as JSON from js/appform.js."""
    applicant_kind = SelectField(_l("申请人类型"), choices=_choices(
        ("organisation", _l("法人或其他组织（统一社会信用代码）")), ("person", _l("自然人（身份证号）"))))
    applicant_name = StringField(_l("申请人名称"), validators=[DataRequired(), Length(max=200)])
    id_number = StringField(_l("证件号码"), validators=[DataRequired(), Length(max=30)])
    phone = StringField(_l("联系电话"), validators=[DataRequired(), Length(max=20)])
    note = TextAreaField(_l("备注"), validators=[Optional(), Length(max=2000)])


class SupplementForm(FlaskForm):
    decision = RadioField(_l("受理决定"), choices=DECISIONS, default="accept")
    reason = TextAreaField(_l("理由 / 补正说明"), validators=[Optional(), Length(max=2000)])


class IssueForm(FlaskForm):
    method = RadioField(_l("出件方式"), choices=ISSUE_METHODS, default="window")
    tracking_no = StringField(_l("快递单号"), validators=[Optional(), Length(max=50)])
    recipient = StringField(_l("领取人 / 签收人"), validators=[Optional(), Length(max=100)])
    recipient_id_number = StringField(_l("领取人身份证号码"), validators=[Optional(), Length(max=18)],
                                      render_kw={"autocomplete": "off", "maxlength": 18})
    authorised = BooleanField(_l("领取人非申请人本人，已核验授权委托书"))


class DecisionForm(FlaskForm):
    decision = SelectField(_l("决定"), choices=_choices(
        ("approve", _l("通过")), ("reject", _l("不予许可")), ("return", _l("退回")),
        ("acknowledge", _l("督办签收")), ("redispatch", _l("重新转办"))))
    opinion = TextAreaField(_l("审批意见"), validators=[Optional(), Length(max=2000)])
