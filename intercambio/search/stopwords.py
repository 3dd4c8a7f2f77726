"""Stop words of Portuguese, Spanish and English (after accent removal), after the Snowball
lists. One set for all three: a query may be in any of them, and the same words must be
dropped when indexing and when searching, so that phrases line up."""

PORTUGUESE = """
a ao aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles
depois do dos e ela elas ele eles em entre era eram essa essas esse esses esta estao estas
estava estavam este estes eu foi foram ha isso isto ja la lhe lhes mais mas me mesmo meu meus
minha minhas muito na nao nas nem no nos nossa nossas nosso nossos num numa o os ou para pela
pelas pelo pelos por qual quando que quem se sem ser seu seus so sua suas tambem te tem tinha
tu tua tuas um uma voce voces vos foi sao sera seria sido tendo ter
"""
SPANISH = """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e
el ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estaban estan estar
estas este esto estos fue fueron ha han hasta hay la las le les lo los mas me mi mis mucho muy
nada ni no nos nosotros o os otra otras otro otros para pero poco por porque que quien se sea
ser si sin sobre sois somos son su sus tambien te tiene tienen todo todos tu tus un una uno
unos usted ustedes y ya yo
"""
ENGLISH = """
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves
"""

STOP_WORDS = frozenset((PORTUGUESE + SPANISH + ENGLISH).split())
