"""The account pages' forms (CSRF included). They only shape the input; the rules (GB 11643 / GB 32100
numbers, phone, password strength, duplicates) are the services'."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

REQUIRED = _l("此项必填")


def _required(limit: int):
    return [DataRequired(message=REQUIRED), Length(max=limit, message=_l("内容过长"))]


class PersonRegisterForm(FlaskForm):
    kind = HiddenField(default="person")
    name = StringField(_l("姓名"), validators=_required(50))
    id_number = StringField(_l("身份证号码"), validators=_required(30))
    phone = StringField(_l("手机号码"), validators=_required(20))
    password = PasswordField(_l("密码"), validators=_required(128))
    password_again = PasswordField(_l("确认密码"), validators=_required(128))


class EnterpriseRegisterForm(FlaskForm):
    kind = HiddenField(default="organisation")
    name = StringField(_l("企业名称"), validators=_required(200))
    id_number = StringField(_l("统一社会信用代码"), validators=_required(30))
    contact_name = StringField(_l("联系人"), validators=_required(50))
    phone = StringField(_l("联系电话"), validators=_required(20))
    password = PasswordField(_l("密码"), validators=_required(128))
    password_again = PasswordField(_l("确认密码"), validators=_required(128))


class ApplicantLoginForm(FlaskForm):
    id_number = StringField(_l("身份证号码或统一社会信用代码"), validators=_required(30))
    password = PasswordField(_l("密码"), validators=_required(128))
