/* Identity number checks as the applicant types — the same rules as app/applicants/identity.py
   (GB 11643 citizen ID: ISO 7064 MOD 11-2; GB 32100 unified social credit code: weighted sum mod 31).
   The server validates again; this only gives immediate feedback. */
(function (global) {
  'use strict';
  var PROVINCES = '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65'.split(' ');
  var ALL_PROVINCES = PROVINCES.concat(['71', '81', '82', '83']);
  var CITIZEN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CITIZEN_CHECK = '10X98765432';
  var CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  var CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  function normalise(value) {
    return (value || '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  }

  function citizenCheckChar(first17) {
    var total = 0;
    for (var i = 0; i < 17; i++) total += Number(first17[i]) * CITIZEN_WEIGHTS[i];
    return CITIZEN_CHECK[total % 11];
  }

  function birthProblem(value, today) {
    var y = Number(value.slice(6, 10)), m = Number(value.slice(10, 12)), d = Number(value.slice(12, 14));
    var born = new Date(Date.UTC(y, m - 1, d));
    if (born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d || y < 1900) {
      return '身份证号码中的出生日期无效';
    }
    var now = today || new Date();
    if (born > new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()))) {
      return '身份证号码中的出生日期不能晚于今天';
    }
    return null;
  }

  function citizenIdProblem(raw, today) {
    var value = normalise(raw);
    if (!value) return '请填写身份证号码';
    if (value.length !== 18) return '身份证号码应为18位';
    if (!/^\d{17}[\dX]$/.test(value)) return '身份证号码前17位应为数字，最后一位应为数字或X';
    var region = value[0] === '9' ? PROVINCES.indexOf(value.slice(1, 3)) >= 0 : ALL_PROVINCES.indexOf(value.slice(0, 2)) >= 0;
    if (!region) return '身份证号码的地区码无效';
    var birth = birthProblem(value, today);
    if (birth) return birth;
    if (citizenCheckChar(value.slice(0, 17)) !== value[17]) return '身份证号码校验位错误';
    return null;
  }

  function creditCheckChar(first17) {
    var total = 0;
    for (var i = 0; i < 17; i++) total += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
    return CREDIT_ALPHABET[(31 - total % 31) % 31];
  }

  function creditCodeProblem(raw) {
    var value = normalise(raw);
    if (!value) return '请填写统一社会信用代码';
    if (value.length !== 18) return '统一社会信用代码应为18位';
    for (var i = 0; i < value.length; i++) {
      if (CREDIT_ALPHABET.indexOf(value[i]) < 0) return '统一社会信用代码含有无效字符（不使用I、O、Z、S、V）';
    }
    var region = value.slice(2, 8);
    if (!/^\d{6}$/.test(region) || (ALL_PROVINCES.indexOf(region.slice(0, 2)) < 0 && region.slice(0, 2) !== '10')) {
      return '统一社会信用代码的行政区划码无效';
    }
    if (creditCheckChar(value.slice(0, 17)) !== value[17]) return '统一社会信用代码校验位错误';
    return null;
  }

  global.IdCheck = {
    normalise: normalise, citizenIdProblem: citizenIdProblem, creditCodeProblem: creditCodeProblem,
    citizenCheckChar: citizenCheckChar, creditCheckChar: creditCheckChar
  };
})(window);
