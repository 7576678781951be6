// The modeler in Chinese (palette, context pad, properties panel, our 审批属性 group), English when the page
// is in English: a bpmn-js translate module that looks the English template up in zh.js.
import zh from './zh.js';

export default function translateModule(language) {
  const dictionary = language === 'en' ? {} : zh;
  const missing = new Set();  // templates without a Chinese text, for whoever extends zh.js (translate.missing)
  function translate(template, replacements) {
    replacements = replacements || {};
    if (language !== 'en' && !dictionary[template]) missing.add(template);
    const text = dictionary[template] || template;
    return text.replace(/{([^}]+)}/g, (_m, key) => (key in replacements ? replacements[key] : '{' + key + '}'));
  }
  translate.missing = missing;
  return { translate: ['value', translate] };
}
