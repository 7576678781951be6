"""Made-up applicants for the demo: common names, valid citizen ID numbers (GB 11643 check character) and
mobile numbers. Nothing here is a real person."""
import datetime as dt

from app.applicants.identity import citizen_check_char

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫浩宇轩子涵欣怡梓晨"
#: districts of 示范市 (杭州 330100 …) and Beijing's 东城 as the demo uses them
REGIONS = ("330102", "330103", "330105", "330106", "330108", "110101", "110105")


def citizen_id(rng) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
    first17 = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + citizen_check_char(first17)


def random_person(rng, phone: str | None = None) -> dict:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return {"name": name, "id_number": citizen_id(rng),
            "phone": phone or f"1{rng.choice('3578')}{rng.randrange(10 ** 9):09d}"}
